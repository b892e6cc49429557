import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, NotFoundError, type FieldError } from '../../core/http/domain.errors';
import type { Principal } from '../auth/principal';
import { TemplatesService } from '../templates/templates.service';
import { ACTION_ROLES } from '../workflow/complaint-access';
import { WorkflowService } from '../workflow/workflow.service';
import {
  FORMS,
  formState,
  isFormAction,
  parseTemplateChoice,
  postedVersion,
  toActionInput,
  type FormState,
} from './console-complaint-forms';
import { ConsoleComplaintPagesService } from './console-complaint-pages.service';
import { ConsoleRedirect, signedIn, type ConsoleRequest } from './console-context';
import { ConsoleController, ConsoleRoles } from './console.guard';
import { ConsoleViews } from './console-views.service';
import { hasMessage, type Translate } from './i18n';

/**
 * The inbox, the complaint page and its action forms (SPEC.md "Web console"): the API's services
 * with the signed-in user's principal, so the same role, mission and confidentiality rules apply.
 */
@ApiExcludeController()
@ConsoleController()
@Controller('console')
export class ConsoleComplaintsController {
  constructor(
    private readonly pages: ConsoleComplaintPagesService,
    private readonly workflow: WorkflowService,
    private readonly templates: TemplatesService,
    private readonly views: ConsoleViews,
  ) {}

  @Get('inbox')
  async inbox(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const { principal, t } = signedIn(req);
    const data = await this.pages.inbox(principal, req.query);
    const errors = data.errors.map((e) => fieldMessage(t, e, 'inbox.field'));
    this.views.page(req, res, 'inbox', { ...data, errors }, data.errors.length ? 400 : 200);
  }

  @Get('complaints/:id')
  async complaint(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const { principal } = signedIn(req);
    this.views.page(req, res, 'complaint', await this.pages.complaint(principal, id));
  }

  /** One action form. Errors the handler can fix show the page again with their text kept. */
  @Post('complaints/:id/:action')
  @ConsoleRoles('handler', 'supervisor', 'admin')
  async act(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Param('action') action: string,
  ): Promise<void> {
    const { principal, t } = signedIn(req);
    if (!isFormAction(action)) throw new NotFoundError('The action');
    const gate = action === 'followups' ? 'followup-public' : action;
    if (!ACTION_ROLES[gate].includes(principal.role))
      throw new DomainError(
        'FORBIDDEN_ROLE',
        403,
        `"${action}" is not allowed to the role ${principal.role}.`,
      );
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = formState(action, body);
    const version = postedVersion(body);
    const again = (status: number, error: string | null) =>
      this.again(req, res, principal, id, form, error, status);
    if (version === null) return again(400, t('form.err.version'));

    await this.fillFromTemplate(principal, id, form);
    if (form.errors.length) return again(400, null);
    const parsed = toActionInput(form, principal.role);
    if (parsed.errors) {
      form.errors = parsed.errors;
      return again(400, null);
    }
    try {
      await this.workflow.act(principal, id, parsed.input, version);
    } catch (e) {
      if (!(e instanceof DomainError) || ![400, 409, 412].includes(e.status)) throw e;
      if (e.code === 'COMPLAINT_VERSION_MISMATCH') return again(409, t('form.stale'));
      if (e.code === 'COMPLAINT_INVALID_TRANSITION') {
        const status =
          typeof e.extras.currentStatus === 'string' ? t(`status.${e.extras.currentStatus}`) : '';
        return again(409, t('form.invalidTransition', { status }));
      }
      if (hasMessage(`form.err.${e.code}`)) return again(e.status, t(`form.err.${e.code}`));
      const fields = e.extras.errors;
      if (fields?.length) form.errors = fields;
      return again(e.status, fields?.length ? null : e.message);
    }
    // After a transfer the complaint is the other mission's: a handler or supervisor no longer sees it.
    if (parsed.input.action === 'transfer' && principal.role !== 'admin')
      throw new ConsoleRedirect('/console/inbox?done=transfer');
    throw new ConsoleRedirect(`/console/complaints/${id}?done=${parsed.input.action}`);
  }

  /** A template picked without JavaScript fills the text the handler left empty. */
  private async fillFromTemplate(p: Principal, id: string, form: FormState): Promise<void> {
    const field = FORMS[form.action].text;
    const choice = form.template ? parseTemplateChoice(form.template) : null;
    if (!field || !choice || form.values[field].trim()) return;
    try {
      const r = await this.templates.render(choice.code, { complaintId: id, lang: choice.lang }, p);
      form.values[field] = r.body;
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'TEMPLATE_NOT_FOUND') throw e;
      form.errors.push({ field: 'template', message: 'unknown template' });
    }
  }

  private async again(
    req: ConsoleRequest,
    res: Response,
    p: Principal,
    id: string,
    form: FormState,
    error: string | null,
    status: number,
  ): Promise<void> {
    const t = signedIn(req).t;
    const errors = form.errors.map((e) => fieldMessage(t, e, 'form.err'));
    const data = await this.pages.complaint(p, id, { form: { ...form }, error });
    this.views.page(req, res, 'complaint', { ...data, formErrors: errors }, status);
  }
}

/** A field error in the user's language: the field's own message, else the validator's. */
function fieldMessage(t: Translate, e: FieldError, prefix: string): string {
  const key = `${prefix}.${e.field}`;
  if (hasMessage(key)) {
    const label = t(key);
    return prefix === 'inbox.field'
      ? `${label}: ${t(e.field === 'cursor' ? 'inbox.field.cursorInvalid' : 'inbox.field.invalid')}`
      : label;
  }
  return `${e.field}: ${e.message}`;
}
