import { Injectable } from '@nestjs/common';
import { DomainError, type FieldError } from '../../core/http/domain.errors';
import { createValidationPipe } from '../../core/http/validation.pipe';
import type { Principal } from '../auth/principal';
import { UserService } from '../auth/user.service';
import { TRANSITIONS } from '../complaints/complaint-state-machine';
import { COMPLAINT_STATUSES, PRIORITIES } from '../complaints/complaint.types';
import { INBOX_SORTS } from '../complaints/complaint-query.service';
import { MissionsService } from '../missions/missions.service';
import { TemplatesService } from '../templates/templates.service';
import type { ComplaintDetail } from '../workflow/complaint.presenter';
import { InboxQueryDto } from '../workflow/inbox-query.dto';
import { WorkflowService } from '../workflow/workflow.service';
import { FORMS, isFormAction, type FormAction, type FormState } from './console-complaint-forms';

/** A page of the inbox. */
const PAGE_SIZE = 25;
/** The inbox's query parameters; anything else in the URL (e.g. `done`) is not a filter. */
const FILTER_KEYS = ['status', 'priority', 'category', 'breached', 'q', 'mission', 'sort', 'cursor'] as const;
/**
 * Near breach: the last quarter of the deadline's span (the SLA engine warns at 75%, WARN_SHARE), or
 * the last day of a deadline of several days. A one-day acknowledgement is not "near" from its start.
 */
const NEAR_MS = 24 * 3600_000;
const NEAR_SHARE = 0.25;
const NEAR_MIN_SPAN_MS = 4 * NEAR_MS;
const WIB = 'Asia/Jakarta';

export interface MissionInfo {
  code: string;
  name: string;
  timezone: string;
  city: string;
}

interface SlaLike {
  status: string;
  receivedAt: Date | string;
  assignedAt: Date | string | null;
  sla: { dueAt: Date | string | null; breachedAt: Date | string | null };
}

/** The badges of a complaint's deadline: breached, or near (the warning the SLA engine gives at 75%). */
export function slaFlags(
  c: SlaLike,
  now = Date.now(),
): { breached: boolean; near: boolean; leftMs: number | null } {
  if (!c.sla.dueAt) return { breached: !!c.sla.breachedAt, near: false, leftMs: null };
  const due = new Date(c.sla.dueAt).getTime();
  const left = due - now;
  const start = new Date(c.assignedAt ?? c.receivedAt).getTime();
  const breached = !!c.sla.breachedAt || left < 0;
  const span = Math.max(due - start, 0);
  const near = !breached && (left < NEAR_SHARE * span || (span >= NEAR_MIN_SPAN_MS && left < NEAR_MS));
  return { breached, near, leftMs: left };
}

/** An inbox URL with these parameters (empty ones left out). */
export function inboxHref(q: Record<string, string | undefined>): string {
  const s = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1])).toString();
  return `/console/inbox${s ? `?${s}` : ''}`;
}

/** The data of the inbox and the complaint page, from the same services the API uses. */
@Injectable()
export class ConsoleComplaintPagesService {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly workflow: WorkflowService,
    private readonly missions: MissionsService,
    private readonly templates: TemplatesService,
    private readonly users: UserService,
  ) {}

  async missionMap(): Promise<Map<string, MissionInfo>> {
    const list = await this.missions.list();
    return new Map(
      list.map((m) => [m.code, { code: m.code, name: m.name, timezone: m.timezone, city: m.city }]),
    );
  }

  async inbox(p: Principal, raw: Record<string, unknown>) {
    const q: Record<string, string> = {};
    for (const k of FILTER_KEYS) {
      const v = raw[k];
      if (typeof v === 'string' && v.trim() !== '') q[k] = v.trim();
    }
    const missions = await this.missionMap();
    let errors: FieldError[] = [];
    let rows: Awaited<ReturnType<WorkflowService['inbox']>>['data'] = [];
    let nextCursor: string | null = null;
    try {
      const dto = (await this.pipe.transform(q, { type: 'query', metatype: InboxQueryDto })) as InboxQueryDto;
      ({ data: rows, nextCursor } = await this.workflow.inbox(p, dto, { limit: PAGE_SIZE }));
    } catch (e) {
      if (!(e instanceof DomainError) || e.status !== 400) throw e;
      errors = e.extras.errors ?? [{ field: 'q', message: e.message }];
    }
    const validMission = q.mission && /^[a-z0-9-]{2,40}$/.test(q.mission) ? q.mission : undefined;
    const counts = await this.workflow.counts(p, validMission);
    const now = Date.now();
    const { cursor: _cursor, ...base } = q;
    return {
      q,
      errors,
      rows: rows.map((r) => ({
        ...r,
        flags: slaFlags(r, now),
        mission: r.missionCode ? (missions.get(r.missionCode) ?? null) : null,
      })),
      counts: COMPLAINT_STATUSES.filter((s) => counts.has(s)).map((s) => ({
        status: s,
        n: counts.get(s)!,
        href: inboxHref({ ...base, status: s }),
        current: q.status === s,
      })),
      total: [...counts.values()].reduce((a, b) => a + b, 0),
      allHref: inboxHref({ ...base, status: undefined }),
      nextHref: nextCursor ? inboxHref({ ...base, cursor: nextCursor }) : null,
      firstHref: q.cursor ? inboxHref(base) : null,
      statuses: COMPLAINT_STATUSES,
      priorities: PRIORITIES,
      sorts: INBOX_SORTS,
      allMissions: p.missionCode === null,
      missionList: [...missions.values()].sort((a, b) => a.name.localeCompare(b.name)),
      missionName: p.missionCode ? missions.get(p.missionCode)?.name : undefined,
    };
  }

  /** The complaint page; `form` is a posted form to show again (with its errors), `error` a message. */
  async complaint(p: Principal, id: string, extra: { form?: FormState | null; error?: string | null } = {}) {
    const c = await this.workflow.detail(p, id);
    const missions = await this.missionMap();
    const mission = c.missionCode ? (missions.get(c.missionCode) ?? null) : null;
    const actions = c.allowedActions.filter(isFormAction);
    const templates = await this.templateChoices(p, c, actions);
    const currentClocks = c.sla.clocks.filter((k) => k.cycle === c.sla.cycle);
    const now = Date.now();
    return {
      c,
      mission,
      zone: mission?.timezone ?? WIB,
      place: mission?.city ?? null,
      flags: slaFlags(c, now),
      clocks: currentClocks.map((k) => ({
        ...k,
        leftMs:
          k.dueAt && (k.state === 'running' || k.state === 'paused' || k.state === 'breached')
            ? new Date(k.dueAt).getTime() - now
            : null,
      })),
      olderCycles: c.sla.clocks.length - currentClocks.length,
      actors: await this.actorNames(c),
      actions,
      publicAllowed: TRANSITIONS['followup-public'].from.includes(c.status),
      templates,
      transferTargets: actions.includes('transfer')
        ? [...missions.values()]
            .filter((m) => m.code !== c.missionCode)
            .sort((a, b) => a.name.localeCompare(b.name))
        : [],
      form: extra.form ?? null,
      error: extra.error ?? null,
      missionName: p.missionCode ? missions.get(p.missionCode)?.name : undefined,
    };
  }

  /** The bilingual templates each offered form can start from, filled in from this complaint. */
  private async templateChoices(p: Principal, c: ComplaintDetail, actions: FormAction[]) {
    const wanted = new Set(actions.flatMap((a) => FORMS[a].templates ?? []));
    const out: Partial<Record<FormAction, { value: string; lang: string; title: string; body: string }[]>> =
      {};
    if (!wanted.size) return out;
    const list = (await this.templates.list({ includeInactive: false })).filter((t) => wanted.has(t.action));
    const rendered = await Promise.all(
      list.flatMap((t) =>
        (['id', 'en'] as const).map(async (lang) => ({
          action: t.action,
          ...(await this.templates.render(t.code, { complaintId: c.id, lang }, p)),
        })),
      ),
    );
    for (const a of actions) {
      const accepted = FORMS[a].templates;
      if (!accepted) continue;
      out[a] = rendered
        .filter((r) => accepted.includes(r.action))
        .sort((x, y) => (x.lang === y.lang ? 0 : x.lang === 'id' ? -1 : 1))
        .map((r) => ({ value: `${r.lang}:${r.code}`, lang: r.lang, title: r.title, body: r.body }));
    }
    return out;
  }

  /** Names of the console users in the timeline and the follow-ups (other actors are labelled by kind). */
  private async actorNames(c: ComplaintDetail): Promise<Record<string, string>> {
    const ids = new Set(
      [...c.timeline.map((e) => e.actor), ...c.followUps.map((f) => f.actor ?? '')]
        .filter((a) => a.startsWith('user:'))
        .map((a) => a.slice(5)),
    );
    const names: Record<string, string> = {};
    await Promise.all(
      [...ids].map(async (id) => {
        const u = await this.users.get(id).catch(() => null);
        if (u) names[`user:${id}`] = u.displayName;
      }),
    );
    return names;
  }
}
