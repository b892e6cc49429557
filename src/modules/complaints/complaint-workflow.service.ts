import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SqlRunner } from '../../core/database/sql-runner';
import { DomainError } from '../../core/http/domain.errors';
import { OutboxService } from '../../core/queue/outbox.service';
import { JobName, type NotificationKind } from '../../core/queue/queue.contract';
import { MissionsService } from '../missions/missions.service';
import { SyncQueueService, newSyncMarker } from '../sync/sync-queue.service';
import { ComplaintNotFoundError } from './complaint-routing.service';
import { MINISTRY_ESCALATION_LEVEL, MINISTRY_OFFICE, inScope, type ComplaintScope } from './complaint-scope';
import { TRANSITIONS, transition, type SystemAction, type WorkflowAction } from './complaint-state-machine';
import type { ComplaintStatus, Priority } from './complaint.types';
import type { FollowUpKind } from './follow-up.entity';

/** What a handler asks for; validated by the workflow DTOs before it gets here. */
export type ActionInput =
  | { action: 'acknowledge'; note?: string }
  | { action: 'followup-public' | 'followup-internal'; content: string; templateCode?: string }
  | { action: 'ask-reporter'; content: string; templateCode?: string }
  | { action: 'resolve'; resolution: string; templateCode?: string }
  | { action: 'reopen'; reason: string }
  | { action: 'transfer'; missionCode: string; reason: string }
  | { action: 'escalate'; reason: string; level: 1 | 2 | 'next' }
  | { action: 'reject'; targetInstitutionId: string; reason: string };

export interface ActionContext {
  actor: string;
  correlationId: string;
  /** The complaints the caller may act on; others get 404, as if absent. */
  offices: ComplaintScope;
  /** The version the caller last read (If-Match). */
  expectedVersion: number;
}

interface Locked {
  id: string;
  status: ComplaintStatus;
  version: number;
  mission_code: string | null;
  priority: Priority;
  escalation_level: number;
  cycle: number;
}

export class StaleVersionError extends DomainError {
  constructor(current: number, expected: number) {
    super(
      'COMPLAINT_VERSION_MISMATCH',
      412,
      `The complaint changed since you read it (version ${current}, you sent ${expected}): reload it and try again.`,
      { currentVersion: current },
    );
  }
}

/**
 * Handlers' actions on a complaint, each one transaction: lock the row, check scope (404), version
 * (412) and the state machine (409), then write the change, its timeline event, the follow-up, the
 * sync item that carries a public word to LAPOR! and the notification — all or nothing.
 */
@Injectable()
export class ComplaintWorkflowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly sync: SyncQueueService,
    private readonly missions: MissionsService,
  ) {}

  /** Applies the action; returns the complaint's new version. */
  async apply(complaintId: string, input: ActionInput, ctx: ActionContext): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const c = await this.lock(m, complaintId, ctx.offices);
      if (c.version !== ctx.expectedVersion) throw new StaleVersionError(c.version, ctx.expectedVersion);
      const { to, newCycle } = transition(input.action, c.status);
      const w = new Write(m, c, ctx, input.action, to, newCycle);

      switch (input.action) {
        case 'acknowledge':
          w.set('acknowledged_at', 'now()');
          w.payload({ note: input.note });
          break;
        case 'followup-public':
        case 'followup-internal':
        case 'ask-reporter': {
          if (input.action === 'followup-internal') {
            const f = await this.followUp(m, c.id, 'internal', 'followup', input, ctx, null);
            w.payload({ followUpId: f, visibility: 'internal' });
            break;
          }
          const kind: FollowUpKind = input.action === 'ask-reporter' ? 'question' : 'followup';
          const said = await this.publicWord(m, c.id, kind, input, ctx);
          w.set('first_follow_up_at', 'COALESCE(first_follow_up_at, now())');
          w.payload({ ...said, visibility: 'public' });
          break;
        }
        case 'resolve': {
          // The resolution is the reporter's answer too: a public follow-up, sent to LAPOR!.
          const said = await this.publicWord(
            m,
            c.id,
            'resolution',
            { content: input.resolution, templateCode: input.templateCode },
            ctx,
          );
          w.set('resolved_at', 'now()');
          w.set('first_follow_up_at', 'COALESCE(first_follow_up_at, now())');
          w.payload(said);
          break;
        }
        case 'reopen':
          w.set('resolved_at', 'NULL');
          w.payload({ reason: input.reason });
          break;
        case 'transfer':
          await this.transfer(m, c, input, w);
          break;
        case 'escalate':
          this.escalate(c, input, w);
          break;
        case 'reject': {
          const item = await this.sync.enqueue(m, {
            complaintId: c.id,
            kind: 'reject',
            marker: newSyncMarker(),
            payload: { targetInstitutionId: input.targetInstitutionId, reason: input.reason },
          });
          w.setValue('forwarded_to', input.targetInstitutionId);
          w.payload({
            targetInstitutionId: input.targetInstitutionId,
            reason: input.reason,
            syncSeq: item.seq,
          });
          break;
        }
      }
      const version = await w.commit();
      await this.notifyAll(m, c, w, version, ctx.correlationId);
      return version;
    });
  }

  /**
   * What LAPOR! tells us (ingest, inside its transaction): a reporter's reply gives the complaint back
   * to the mission — SLA resumed, or a new cycle after `responded`/`resolved`; LAPOR! finishing it
   * (Selesai, Diarsipkan) closes it. In a status the table does not list, it is only history.
   * Returns whether the status changed.
   */
  async applyFromLapor(
    q: SqlRunner,
    complaintId: string,
    action: SystemAction,
    ctx: { actor: string; correlationId: string },
    payload: Record<string, unknown>,
  ): Promise<boolean> {
    const rows: Locked[] = await q.query(
      `SELECT id, status, version, mission_code, priority, escalation_level, cycle
       FROM complaints WHERE id = $1 FOR UPDATE`,
      [complaintId],
    );
    const c = rows[0];
    if (!c || !TRANSITIONS[action].from.includes(c.status)) return false;
    const { to, newCycle } = transition(action, c.status);
    const w = new Write(q, c, { ...ctx, offices: null, expectedVersion: c.version }, action, to, newCycle);
    w.payload(payload);
    if (action === 'reporter-reply' && c.mission_code) w.notify('complaint.reporter_replied', c.mission_code);
    const version = await w.commit();
    await this.notifyAll(q, c, w, version, ctx.correlationId);
    return true;
  }

  /**
   * The SLA sweep's escalation ladder (SPEC.md "Warnings and escalation"): a breached first follow-up
   * goes up to the mission's supervisor (level 1), twice its limit to the ministry (level 2). Nothing
   * happens when the complaint is there already or no longer open. Returns whether it escalated.
   */
  async escalateBySla(
    complaintId: string,
    level: 1 | 2,
    reason: string,
    correlationId: string,
    clock: { cycle: number; startedAt: Date },
    /** How long the office it goes to must wait for its news (office hours; 0 for urgent). */
    delayMs: (office: string) => number = () => 0,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const rows: Locked[] = await m.query(
        `SELECT id, status, version, mission_code, priority, escalation_level, cycle
         FROM complaints WHERE id = $1 FOR UPDATE`,
        [complaintId],
      );
      const c = rows[0];
      if (!c || c.escalation_level >= level || !TRANSITIONS.escalate.from.includes(c.status)) return false;
      // Decided under the lock: the breach still stands — same cycle, and no public word of the
      // institution since the clock started (one posted a moment ago ends the clock, met).
      if (c.cycle !== clock.cycle) return false;
      const answered: unknown[] = await m.query(
        `SELECT 1 FROM follow_ups WHERE complaint_id = $1 AND author_type = 'institution'
           AND visibility = 'public' AND posted_at >= $2 LIMIT 1`,
        [complaintId, clock.startedAt],
      );
      if (answered.length) return false;
      const { to, newCycle } = transition('escalate', c.status);
      const ctx: ActionContext = {
        actor: 'system:sla',
        correlationId,
        offices: null,
        expectedVersion: c.version,
      };
      const w = new Write(m, c, ctx, 'escalate', to, newCycle);
      this.escalate(c, { action: 'escalate', reason, level }, w);
      w.payload({ automatic: true });
      const version = await w.commit();
      await this.notifyAll(m, c, w, version, correlationId, delayMs);
      return true;
    });
  }

  private async notifyAll(
    q: SqlRunner,
    c: Locked,
    w: Write,
    version: number,
    correlationId: string,
    delayMs: (office: string) => number = () => 0,
  ) {
    for (const n of w.notifications)
      await this.outbox.enqueue(
        q,
        JobName.NotificationDeliver,
        {
          correlationId,
          kind: n.kind,
          missionCode: n.missionCode,
          complaintId: c.id,
          priority: c.priority,
          dedupeKey: `${n.kind}-${c.id}-${version}`,
        },
        { delayMs: delayMs(n.missionCode) },
      );
  }

  private async lock(m: EntityManager, id: string, scope: ComplaintScope): Promise<Locked> {
    const rows: Locked[] = await m.query(
      `SELECT id, status, version, mission_code, priority, escalation_level, cycle
       FROM complaints WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const c = rows[0];
    if (!c || !inScope(scope, c)) throw new ComplaintNotFoundError(id);
    return c;
  }

  private async transfer(
    m: EntityManager,
    c: Locked,
    input: Extract<ActionInput, { action: 'transfer' }>,
    w: Write,
  ): Promise<void> {
    if (input.missionCode === c.mission_code)
      throw new DomainError(
        'COMPLAINT_TRANSFER_SAME_OFFICE',
        409,
        `The complaint is already with "${input.missionCode}".`,
      );
    if (!(await this.missions.exists(input.missionCode)))
      throw new DomainError(
        'TRANSFER_TARGET_UNKNOWN',
        400,
        `No mission or desk has the code "${input.missionCode}" (see GET /api/v1/missions).`,
        { errors: [{ field: 'missionCode', message: 'unknown mission or desk code' }] },
      );
    w.setValue('mission_code', input.missionCode);
    w.set('acknowledged_at', 'NULL');
    w.payload({
      reason: input.reason,
      before: { missionCode: c.mission_code },
      after: { missionCode: input.missionCode },
    });
    w.notify('complaint.transferred', input.missionCode);
  }

  private escalate(c: Locked, input: Extract<ActionInput, { action: 'escalate' }>, w: Write): void {
    const level =
      input.level === 'next' ? Math.min(c.escalation_level + 1, MINISTRY_ESCALATION_LEVEL) : input.level;
    if (level <= c.escalation_level)
      throw new DomainError(
        'COMPLAINT_ALREADY_ESCALATED',
        409,
        c.escalation_level >= MINISTRY_ESCALATION_LEVEL
          ? 'The complaint is already escalated to the ministry.'
          : `The complaint is already escalated to level ${c.escalation_level}.`,
        { escalationLevel: c.escalation_level },
      );
    w.setValue('escalation_level', level);
    w.payload({
      reason: input.reason,
      before: { escalationLevel: c.escalation_level },
      after: { escalationLevel: level },
    });
    // Level 1: the mission's supervisors (their office's list); level 2: the ministry's desk, whose
    // people then see and act on the complaint (complaint-scope.ts).
    w.notify(
      'complaint.escalated',
      level === MINISTRY_ESCALATION_LEVEL ? MINISTRY_OFFICE : (c.mission_code ?? MINISTRY_OFFICE),
    );
  }

  /** A public word of the mission: the follow-up and, in the same transaction, its way to LAPOR!. */
  private async publicWord(
    m: EntityManager,
    complaintId: string,
    kind: FollowUpKind,
    text: { content: string; templateCode?: string },
    ctx: ActionContext,
  ): Promise<{ followUpId: string; syncSeq: number }> {
    const marker = newSyncMarker();
    const followUpId = await this.followUp(m, complaintId, 'public', kind, text, ctx, marker);
    const item = await this.sync.enqueue(m, { complaintId, kind: 'followup', followUpId, marker });
    return { followUpId, syncSeq: item.seq };
  }

  private async followUp(
    m: EntityManager,
    complaintId: string,
    visibility: 'public' | 'internal',
    kind: FollowUpKind,
    text: { content: string; templateCode?: string },
    ctx: ActionContext,
    marker: string | null,
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO follow_ups (complaint_id, origin, author_type, visibility, kind, content, template_code, actor, posted_at, marker)
       VALUES ($1, 'bridge', 'institution', $2, $3, $4, $5, $6, now(), $7) RETURNING id`,
      [complaintId, visibility, kind, text.content, text.templateCode ?? null, ctx.actor, marker],
    );
    return rows[0].id;
  }
}

/** The one UPDATE and the one event of an action, collected while the action is checked. */
class Write {
  private readonly sets: string[] = [];
  private readonly values: unknown[] = [];
  private readonly extra: Record<string, unknown> = {};
  readonly notifications: { kind: NotificationKind; missionCode: string }[] = [];

  constructor(
    private readonly m: SqlRunner,
    private readonly c: Locked,
    private readonly ctx: ActionContext,
    private readonly action: WorkflowAction,
    private readonly to: ComplaintStatus,
    private readonly newCycle: boolean,
  ) {}

  /** column = SQL expression (constants only, never input). */
  set(column: string, sql: string): void {
    this.sets.push(`${column} = ${sql}`);
  }

  /** column = a value, as a parameter. */
  setValue(column: string, value: unknown): void {
    this.values.push(value);
    this.sets.push(`${column} = $${this.values.length + 1}`);
  }

  payload(p: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(p)) if (v !== undefined) this.extra[k] = v;
  }

  notify(kind: NotificationKind, missionCode: string): void {
    this.notifications.push({ kind, missionCode });
  }

  async commit(): Promise<number> {
    if (this.newCycle) this.set('cycle', 'cycle + 1');
    // A CTE returns the rows whichever runner runs it (EntityManager wraps an UPDATE's rows).
    const rows: { version: number }[] = await this.m.query(
      `WITH u AS (
         UPDATE complaints SET status = '${this.to}', ${[...this.sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
         WHERE id = $1 RETURNING version
       ) SELECT version FROM u`,
      [this.c.id, ...this.values],
    );
    const payload = { ...this.extra, ...(this.newCycle ? { cycle: this.c.cycle + 1 } : {}) };
    await this.m.query(
      `INSERT INTO complaint_events (complaint_id, type, actor, from_status, to_status, payload, correlation_id, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
      [
        this.c.id,
        EVENT_TYPE[this.action],
        this.ctx.actor,
        this.c.status,
        this.to,
        JSON.stringify(payload),
        this.ctx.correlationId,
      ],
    );
    return rows[0].version;
  }
}

/** The timeline's name for each action. Stored in the database — never rename. */
export const EVENT_TYPE: { readonly [A in WorkflowAction]: string } = {
  acknowledge: 'acknowledged',
  'followup-public': 'followup_posted',
  'followup-internal': 'note_added',
  'ask-reporter': 'reporter_asked',
  'reporter-reply': 'reporter_replied',
  resolve: 'resolved',
  reopen: 'reopened',
  transfer: 'transferred',
  escalate: 'escalated',
  reject: 'forwarded',
  'upstream-close': 'closed_upstream',
};
