import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../core/http/domain.errors';
import type { Principal } from '../auth/principal';
import { ComplaintNotFoundError } from '../complaints/complaint-routing.service';
import { ComplaintQueryService } from '../complaints/complaint-query.service';
import { ComplaintScopeService } from '../complaints/complaint-scope.service';
import { MissionsService } from '../missions/missions.service';
import { ResponseTemplateEntity } from './response-template.entity';
import {
  PLACEHOLDERS,
  TEMPLATE_ACTIONS,
  formatLetterDate,
  renderTemplate,
  unknownPlaceholders,
  type TemplateAction,
  type TemplateLang,
} from './template-render';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Dates of complaints with no office yet (triage) are written in Jakarta's calendar. */
const DEFAULT_ZONE = 'Asia/Jakarta';

export class TemplateNotFoundError extends DomainError {
  constructor(code: string) {
    super('TEMPLATE_NOT_FOUND', 404, `No response template has the code "${code}".`);
  }
}

export interface TemplateTexts {
  titleId: string;
  titleEn: string;
  bodyId: string;
  bodyEn: string;
}
export interface TemplateCreate extends TemplateTexts {
  code: string;
  action: TemplateAction;
  active?: boolean;
}
export type TemplateEdit = Partial<TemplateTexts> & { active?: boolean };

export interface RenderedTemplate {
  code: string;
  lang: TemplateLang;
  title: string;
  body: string;
  /** Placeholders left in title or body: the handler fills them in by hand. */
  unfilled: string[];
}

interface ComplaintForTemplate {
  lapor_id: string;
  tracking_id: string | null;
  title: string;
  mission_code: string | null;
  filed_at: Date;
  mission_name: string | null;
  timezone: string | null;
}

/**
 * Response templates (issue 5): reads for every role, admin writes, and filling one in from a
 * complaint. Inactive templates are seen by admins only.
 */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: ComplaintScopeService,
    private readonly complaints: ComplaintQueryService,
    private readonly missions: MissionsService,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(ResponseTemplateEntity);
  }

  async list(filter: {
    action?: TemplateAction;
    includeInactive: boolean;
  }): Promise<ResponseTemplateEntity[]> {
    const rows = await this.repo.find({
      where: {
        ...(filter.action ? { action: filter.action } : {}),
        ...(filter.includeInactive ? {} : { active: true }),
      },
      order: { code: 'ASC' },
    });
    // The actions in workflow order, then by code: the order a handler's picker shows them.
    return rows.sort((a, b) => TEMPLATE_ACTIONS.indexOf(a.action) - TEMPLATE_ACTIONS.indexOf(b.action));
  }

  async get(code: string, includeInactive: boolean): Promise<ResponseTemplateEntity> {
    const t = await this.repo.findOne({ where: { code } });
    if (!t || (!t.active && !includeInactive)) throw new TemplateNotFoundError(code);
    return t;
  }

  async create(input: TemplateCreate, actor: string): Promise<ResponseTemplateEntity> {
    assertKnownPlaceholders(input);
    // An admin's own template counts as edited: a seed file that later adds the same code leaves it.
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO response_templates (code, action, title_id, title_en, body_id, body_en, active, admin_edited, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [
        input.code,
        input.action,
        input.titleId,
        input.titleEn,
        input.bodyId,
        input.bodyEn,
        input.active ?? true,
        actor,
      ],
    );
    if (inserted.length === 0)
      throw new DomainError(
        'TEMPLATE_CODE_TAKEN',
        409,
        `A response template with the code "${input.code}" exists already.`,
      );
    return this.get(input.code, true);
  }

  async update(code: string, edit: TemplateEdit, actor: string): Promise<ResponseTemplateEntity> {
    assertKnownPlaceholders(edit);
    const changes: Partial<ResponseTemplateEntity> = Object.fromEntries(
      Object.entries(edit).filter(([, v]) => v !== undefined),
    );
    if (Object.keys(changes).length === 0) return this.get(code, true);
    const result = await this.repo.update({ code }, { ...changes, adminEdited: true, updatedBy: actor });
    if (!result.affected) throw new TemplateNotFoundError(code);
    return this.get(code, true);
  }

  /**
   * Fills a template from a complaint in the caller's scope (complaint-scope.ts); anything else is
   * "not found", never "forbidden", so a complaint's existence does not leak (issue 5).
   */
  async render(
    code: string,
    req: { complaintId: string; lang: TemplateLang },
    who: Principal,
    now = new Date(),
  ): Promise<RenderedTemplate> {
    const template = await this.get(code, who.role === 'admin');
    const c = await this.visibleComplaint(req.complaintId, who);
    const zone = c.timezone ?? DEFAULT_ZONE;
    const values = {
      trackingId: c.tracking_id,
      laporId: c.lapor_id,
      title: c.title,
      missionName: c.mission_name,
      missionCode: c.mission_code,
      receivedDate: formatLetterDate(c.filed_at, req.lang, zone),
      today: formatLetterDate(now, req.lang, zone),
    };
    const title = renderTemplate(req.lang === 'id' ? template.titleId : template.titleEn, values);
    const body = renderTemplate(req.lang === 'id' ? template.bodyId : template.bodyEn, values);
    return {
      code: template.code,
      lang: req.lang,
      title: title.text,
      body: body.text,
      unfilled: [...new Set([...title.unfilled, ...body.unfilled])],
    };
  }

  private async visibleComplaint(id: string, who: Principal): Promise<ComplaintForTemplate> {
    if (!UUID.test(id)) throw new ComplaintNotFoundError(id);
    const c = await this.complaints.get(id, await this.scope.of(who));
    if (!c) throw new ComplaintNotFoundError(id);
    const mission = c.mission_code ? await this.missions.get(c.mission_code) : null;
    return {
      lapor_id: c.lapor_id,
      tracking_id: c.tracking_id,
      title: c.title,
      mission_code: c.mission_code,
      filed_at: c.upstream_created_at ?? c.received_at,
      mission_name: mission?.name ?? null,
      timezone: mission?.timezone ?? null,
    };
  }
}

/** 400 TEMPLATE_UNKNOWN_PLACEHOLDER: only PLACEHOLDERS may appear (no reporter data, no typos). */
function assertKnownPlaceholders(t: Partial<TemplateTexts>): void {
  const unknown = unknownPlaceholders(t.titleId, t.titleEn, t.bodyId, t.bodyEn);
  if (unknown.length)
    throw new DomainError(
      'TEMPLATE_UNKNOWN_PLACEHOLDER',
      400,
      `Unknown placeholders: ${unknown.map((n) => `{{${n}}}`).join(', ')}. Allowed: ${PLACEHOLDERS.join(', ')}.`,
      { placeholders: unknown, allowed: [...PLACEHOLDERS] },
    );
}
