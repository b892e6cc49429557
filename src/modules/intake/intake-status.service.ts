import { isPgKeyset } from '../../core/http/pg-keyset';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '../../core/http/domain.errors';
import { OutboxService } from '../../core/queue/outbox.service';
import { LaporClient } from '../../integrations/lapor/lapor.client';
import { ComplaintQueryService } from '../complaints/complaint-query.service';
import { ReconcileService } from '../reconcile/reconcile.service';
import { SyncItemsService } from '../sync/sync-items.service';
import { PollCursorService, type CursorName, type CursorRow } from './poll-cursor.service';
import { INTAKE_POLL_OPTIONS, type PollOptions } from './poll.options';

export interface CursorStatus {
  cursorAt: string | null;
  lastSuccessAt: string | null;
  /** Seconds between now and the cursor: how old the newest change surely read is. */
  lagSeconds: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  runInProgress: boolean;
}

export interface QuarantinedComplaint {
  id: string;
  laporId: string;
  quarantineReason: string;
  quarantinedAt: string;
  status: string;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const secondsSince = (now: Date, d: Date | null | undefined) =>
  d ? Math.max(0, Math.round((now.getTime() - d.getTime()) / 1000)) : null;

/**
 * Opaque list cursor: base64url of [sortKey, id]. The sort key is Postgres's own text of the
 * timestamp, microseconds included (a JS Date would round them off and skip rows).
 */
function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isPgKeyset(v)) return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw new ValidationFailedError([{ field: 'cursor', message: 'is not a cursor this list gave out' }]);
}

/**
 * What the admin views show about intake (README.md "Admin views"): where polling stands, what
 * webhooks brought, the outbox backlog, the LAPOR! breaker; and the quarantined complaints. Codes,
 * ids and times only — never reporter data.
 */
@Injectable()
export class IntakeStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly complaints: ComplaintQueryService,
    private readonly outbox: OutboxService,
    private readonly syncItems: SyncItemsService,
    private readonly reconcile: ReconcileService,
    private readonly cursors: PollCursorService,
    private readonly lapor: LaporClient,
    @Inject(INTAKE_POLL_OPTIONS) private readonly opts: PollOptions,
  ) {}

  async syncStatus(now = new Date()) {
    const [cursors, webhook, outbox, sync, reconcile] = await Promise.all([
      this.cursors.read(),
      this.webhookStats(),
      this.outbox.backlog(this.dataSource),
      this.syncItems.statusByMission(),
      this.reconcile.summary(),
    ]);
    const cursor = (name: CursorName) => this.cursorStatus(cursors.get(name), now);
    // Per office: what waits to reach LAPOR!, what failed for good, and what the reconciler found.
    const offices = new Map<
      string,
      { syncBacklog: number; oldestSyncAgeSeconds: number | null; deadLetters: number; drift: number }
    >();
    const office = (code: string | null) => {
      const key = code ?? '(none)';
      if (!offices.has(key))
        offices.set(key, { syncBacklog: 0, oldestSyncAgeSeconds: null, deadLetters: 0, drift: 0 });
      return offices.get(key)!;
    };
    for (const m of sync)
      Object.assign(office(m.missionCode), {
        syncBacklog: m.backlog,
        oldestSyncAgeSeconds: m.oldestAgeSeconds,
        deadLetters: m.deadLetters,
      });
    for (const [code, n] of Object.entries(reconcile.drift.byMission)) office(code).drift = n;
    return {
      asOf: now.toISOString(),
      intake: { poll: cursor('inbox'), rescan: cursor('rescan'), webhook },
      outbox,
      sync: {
        backlog: sync.reduce((n, m) => n + m.backlog, 0),
        deadLetters: sync.reduce((n, m) => n + m.deadLetters, 0),
        drift: reconcile.drift.open,
      },
      reconcile,
      byMission: [...offices.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([missionCode, o]) => ({ missionCode, ...o })),
      lapor: { breaker: this.lapor.breakerState },
    };
  }

  private cursorStatus(row: CursorRow | undefined, now: Date): CursorStatus {
    return {
      cursorAt: iso(row?.cursorAt),
      lastSuccessAt: iso(row?.lastSuccessAt),
      lagSeconds: secondsSince(now, row?.cursorAt),
      lastError: row?.lastError ?? null,
      lastErrorAt: iso(row?.lastErrorAt),
      runInProgress:
        !!row?.runId &&
        !!row.runStartedAt &&
        now.getTime() - row.runStartedAt.getTime() < this.opts.staleRunMs,
    };
  }

  /**
   * Deliveries recorded in the last 24 h. A repeated webhook-id is answered 200 and not stored
   * (intake.service.ts), so duplicates cannot be counted from the table: null until they are.
   */
  private async webhookStats() {
    const [r]: { last: Date | null; accepted: number; rejected: number }[] = await this.dataSource.query(
      `SELECT (SELECT max(received_at) FROM inbound_deliveries WHERE source = 'webhook') AS last,
              count(*) FILTER (WHERE outcome IS DISTINCT FROM 'rejected')::int AS accepted,
              count(*) FILTER (WHERE outcome = 'rejected')::int AS rejected
       FROM inbound_deliveries WHERE source = 'webhook' AND received_at > now() - interval '24 hours'`,
    );
    return {
      lastReceivedAt: iso(r.last),
      last24h: { accepted: r.accepted, duplicate: null as number | null, rejected: r.rejected },
    };
  }

  /** Quarantined complaints, newest first, cursor-paged. */
  async quarantine(q: { limit: number; cursor?: string }) {
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const rows = await this.complaints.quarantined(after, q.limit + 1);
    const page = rows.slice(0, q.limit);
    const data: QuarantinedComplaint[] = page.map((r) => ({
      id: r.id,
      laporId: r.lapor_id,
      quarantineReason: r.reason,
      quarantinedAt: r.at.toISOString(),
      status: r.status,
    }));
    const last = page[page.length - 1];
    return { data, nextCursor: rows.length > q.limit && last ? encodeCursor(last.at_text, last.id) : null };
  }
}
