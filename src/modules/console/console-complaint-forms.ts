import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FieldError } from '../../core/http/domain.errors';
import { flattenValidationErrors } from '../../core/http/validation.pipe';
import type { Role } from '../auth/role';
import type { ActionInput } from '../complaints/complaint-workflow.service';
import type { TemplateAction, TemplateLang } from '../templates/template-render';
import {
  AcknowledgeDto,
  AskReporterDto,
  FollowUpDto,
  ReasonDto,
  RejectDto,
  ResolveDto,
  TransferDto,
} from '../workflow/complaint-actions.dto';

/** The action routes of the complaint page: the API's segments (complaint.presenter.ts ROUTE_OF). */
export const FORM_ACTIONS = [
  'acknowledge',
  'followups',
  'ask-reporter',
  'resolve',
  'reopen',
  'transfer',
  'escalate',
  'reject',
] as const;
export type FormAction = (typeof FORM_ACTIONS)[number];

export function isFormAction(v: string): v is FormAction {
  return (FORM_ACTIONS as readonly string[]).includes(v);
}

interface FormSpec {
  dto: new () => object;
  /** The form's fields, as the API's DTO names them. */
  fields: readonly string[];
  /** The field a chosen template fills (when the handler left it empty). */
  text?: string;
  /** The response templates the picker offers. */
  templates?: readonly TemplateAction[];
  /** The API records which template the text started from (templateCode) for these. */
  recordsTemplate?: boolean;
}

/** Each form validated by the same DTO as the API's action (complaint-actions.controller.ts). */
export const FORMS: { readonly [A in FormAction]: FormSpec } = {
  acknowledge: { dto: AcknowledgeDto, fields: ['note'] },
  followups: {
    dto: FollowUpDto,
    fields: ['visibility', 'content'],
    text: 'content',
    templates: ['acknowledge', 'followup'],
    recordsTemplate: true,
  },
  'ask-reporter': {
    dto: AskReporterDto,
    fields: ['content'],
    text: 'content',
    templates: ['ask-reporter'],
    recordsTemplate: true,
  },
  resolve: {
    dto: ResolveDto,
    fields: ['resolution'],
    text: 'resolution',
    templates: ['resolve'],
    recordsTemplate: true,
  },
  reopen: { dto: ReasonDto, fields: ['reason'], text: 'reason', templates: ['reopen'] },
  transfer: { dto: TransferDto, fields: ['missionCode', 'reason'], text: 'reason', templates: ['transfer'] },
  escalate: { dto: ReasonDto, fields: ['reason'], text: 'reason', templates: ['escalate'] },
  reject: {
    dto: RejectDto,
    fields: ['targetInstitutionId', 'reason'],
    text: 'reason',
    templates: ['reject'],
  },
};

/** What the handler typed, kept to show the form again (never lost on an error). */
export interface FormState {
  action: FormAction;
  values: Record<string, string>;
  template: string;
  errors: FieldError[];
}

/** The template picker's value: `<lang>:<code>`. */
export function parseTemplateChoice(v: string): { lang: TemplateLang; code: string } | null {
  const m = /^(id|en):([a-z0-9][a-z0-9-]{0,63})$/.exec(v);
  return m ? { lang: m[1] as TemplateLang, code: m[2] } : null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The posted form, as typed (only the form's own fields). */
export function formState(action: FormAction, body: Record<string, unknown>): FormState {
  const values: Record<string, string> = {};
  for (const f of FORMS[action].fields) values[f] = str(body[f]).replace(/\r\n/g, '\n');
  return { action, values, template: str(body.template), errors: [] };
}

/** The version the page was read at (the API's If-Match). */
export function postedVersion(body: Record<string, unknown>): number | null {
  const v = str(body.version);
  return /^\d{1,9}$/.test(v) ? Number(v) : null;
}

/**
 * The ActionInput of a posted form, validated as the API validates its body; or the fields at
 * fault. `templateCode` is the picked template (its text may have been edited).
 */
export function toActionInput(
  form: FormState,
  role: Role,
): { input: ActionInput; errors?: undefined } | { errors: FieldError[] } {
  const spec = FORMS[form.action];
  const choice = form.template ? parseTemplateChoice(form.template) : null;
  if (form.template && !choice) return { errors: [{ field: 'template', message: 'unknown template' }] };
  const body: Record<string, unknown> = { ...form.values };
  if (choice && spec.recordsTemplate) body.templateCode = choice.code;
  // An empty optional note is no note.
  if (form.action === 'acknowledge' && !body.note) delete body.note;
  const dto = plainToInstance(spec.dto, body);
  const errors = flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
  if (errors.length) return { errors };
  const b = body as Record<string, string>;
  const templateCode = b.templateCode as string | undefined;
  switch (form.action) {
    case 'acknowledge':
      return { input: { action: 'acknowledge', note: b.note } };
    case 'followups': {
      const action =
        b.visibility === 'public' ? ('followup-public' as const) : ('followup-internal' as const);
      return { input: { action, content: b.content, templateCode } };
    }
    case 'ask-reporter':
      return { input: { action: 'ask-reporter', content: b.content, templateCode } };
    case 'resolve':
      return { input: { action: 'resolve', resolution: b.resolution, templateCode } };
    case 'reopen':
      return { input: { action: 'reopen', reason: b.reason } };
    case 'transfer':
      return { input: { action: 'transfer', missionCode: b.missionCode, reason: b.reason } };
    case 'escalate': {
      // As the API: a handler escalates to the supervisor, a supervisor to the ministry.
      const level = role === 'handler' ? 1 : role === 'supervisor' ? 2 : 'next';
      return { input: { action: 'escalate', reason: b.reason, level } };
    }
    case 'reject':
      return { input: { action: 'reject', targetInstitutionId: b.targetInstitutionId, reason: b.reason } };
  }
}
