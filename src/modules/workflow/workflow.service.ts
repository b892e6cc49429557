import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { correlationId } from '../../core/http/correlation';
import { ValidationFailedError } from '../../core/http/domain.errors';
import { AuditService } from '../audit/audit.service';
import { actorOf, type Principal } from '../auth/principal';
import { ComplaintQueryService, type InboxFilter } from '../complaints/complaint-query.service';
import { SlaQueryService } from '../sla/sla-query.service';
import { ComplaintScopeService } from '../complaints/complaint-scope.service';
import { ComplaintNotFoundError } from '../complaints/complaint-routing.service';
import type { ActionInput } from '../complaints/complaint-workflow.service';
import type { ComplaintStatus } from '../complaints/complaint.types';
import { ComplaintWorkflowService } from '../complaints/complaint-workflow.service';
import {
  mayReadReporter,
  toDetail,
  toSummary,
  type ComplaintDetail,
  type ComplaintSummary,
} from './complaint.presenter';
import type { InboxQueryDto } from './inbox-query.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Dates without a time are days in Jakarta (WIB), where the ministry works. */
const ZONE = 'Asia/Jakarta';

/** The inbox, the complaint page and the actions, as one caller may see and take them. */
@Injectable()
export class WorkflowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: ComplaintScopeService,
    private readonly query: ComplaintQueryService,
    private readonly workflow: ComplaintWorkflowService,
    private readonly audit: AuditService,
    private readonly sla: SlaQueryService,
  ) {}

  async inbox(
    p: Principal,
    q: InboxQueryDto,
    page: { limit?: number } = {},
  ): Promise<{ data: ComplaintSummary[]; nextCursor: string | null }> {
    const filter: InboxFilter = {
      offices: await this.scope.of(p),
      status: q.status,
      mission: q.mission,
      category: q.category,
      classification: q.classification,
      priority: q.priority,
      breached: q.breached,
      escalated: q.escalated,
      laporId: q.laporId,
      q: q.q,
      from: q.from ? bound(q.from, 'from') : undefined,
      to: q.to ? bound(q.to, 'to') : undefined,
      sort: q.sort ?? 'newest',
      limit: page.limit ?? q.limit ?? 50,
      cursor: q.cursor,
    };
    const { rows, nextCursor } = await this.query.list(filter);
    return { data: rows.map(toSummary), nextCursor };
  }

  /** The number of complaints per status the caller sees (the inbox's counts), optionally of one office. */
  async counts(p: Principal, mission?: string): Promise<Map<ComplaintStatus, number>> {
    return this.query.countByStatus(await this.scope.of(p), mission);
  }

  /** The complaint page. A secret complaint's reporter, read by its mission, is audited. */
  async detail(
    p: Principal,
    id: string,
    opts: { withReporter: boolean; unscoped?: boolean } = { withReporter: true },
  ): Promise<ComplaintDetail> {
    if (!UUID.test(id)) throw new ComplaintNotFoundError(id);
    const c = await this.query.get(id, opts.unscoped ? null : await this.scope.of(p));
    if (!c) throw new ComplaintNotFoundError(id);
    const [timeline, followUps, clocks] = await Promise.all([
      this.query.timeline(id),
      this.query.followUps(id),
      this.sla.clocksOf(id),
    ]);
    const hasReporter = !!(c.reporter_name_enc || c.reporter_email_enc || c.reporter_phone_enc);
    let reporter: ReturnType<ComplaintQueryService['reporter']> | undefined;
    if (opts.withReporter && hasReporter && mayReadReporter(c, p)) {
      reporter = this.query.reporter(c);
      if (c.is_secret)
        await this.audit.record(this.dataSource, {
          actor: actorOf(p),
          action: 'reporter.read',
          complaintId: c.id,
          payload: { missionCode: c.mission_code, role: p.role },
        });
    }
    return toDetail(c, p, { timeline, followUps, reporter, clocks });
  }

  /** Applies an action over the version the caller read; returns the complaint as it is now. */
  async act(p: Principal, id: string, input: ActionInput, expectedVersion: number): Promise<ComplaintDetail> {
    if (!UUID.test(id)) throw new ComplaintNotFoundError(id);
    await this.workflow.apply(id, input, {
      actor: actorOf(p),
      correlationId: correlationId(),
      offices: await this.scope.of(p),
      expectedVersion,
    });
    // The answer to an action carries no reporter: reads of it are the complaint page's, audited.
    // Read without scope: after a transfer the caller's office no longer holds the complaint.
    return this.detail(p, id, { withReporter: false, unscoped: true });
  }
}

/** A `from`/`to` filter as an instant; the DTO checked the shape, this checks it is a real date. */
function bound(value: string, side: 'from' | 'to'): Date {
  const t =
    value.length > 10 ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromISO(value, { zone: ZONE });
  if (!t.isValid)
    throw new ValidationFailedError([
      { field: side, message: 'must be a real date (YYYY-MM-DD, a day in WIB) or an ISO 8601 date-time' },
    ]);
  return (value.length > 10 || side === 'from' ? t : t.plus({ days: 1 })).toJSDate();
}
