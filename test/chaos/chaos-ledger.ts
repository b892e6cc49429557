import { control } from '../intake/poller.helper';
import type { ChaosBed } from './chaos-bed';
import type { ChaosLoad } from './chaos-load';

/** The reference the sync sender appends to every text it posts (src/modules/sync/README.md). */
const MARKER = /\n\n\[Ref: (lb-[0-9a-f]{16})\]$/;

export interface LedgerRow {
  lapor_id: string;
  status: string;
  mission_code: string | null;
  routed: number;
  created_by: string | null;
}

export interface SyncRow {
  lapor_id: string;
  seq: number;
  marker: string;
  status: string;
}

/** Both sides of the ledger at one moment: what LAPOR! (the sandbox) has and what Postgres has. */
export interface Ledger {
  /** LAPOR!'s complaints (ids). */
  upstreamComplaints: string[];
  /** LAPOR!'s follow-ups carrying a bridge marker, per complaint, in LAPOR!'s order. */
  upstreamFollowUps: Map<string, { marker: string; text: string }[]>;
  complaints: LedgerRow[];
  syncItems: SyncRow[];
  outboxUnrelayed: number;
  deadLetters: { reason: string; n: number }[];
}

export async function readLedger(bed: ChaosBed): Promise<Ledger> {
  const api = control(bed.laporUrl);
  const upstreamComplaints = ((await api.call('GET', '/complaints')).data as { id: string | number }[]).map(
    (c) => String(c.id),
  );
  const all = (await api.call('GET', '/followups')).data as {
    complaint_id: string | number;
    content: string;
  }[];
  const upstreamFollowUps = new Map<string, { marker: string; text: string }[]>();
  for (const f of all) {
    const m = MARKER.exec(f.content);
    if (!m) continue;
    const id = String(f.complaint_id);
    upstreamFollowUps.set(id, [
      ...(upstreamFollowUps.get(id) ?? []),
      { marker: m[1], text: f.content.slice(0, m.index) },
    ]);
  }
  const q = async <T>(sql: string): Promise<T[]> => (await bed.ledger.query(sql)).rows as T[];
  const complaints = await q<LedgerRow>(
    `SELECT c.lapor_id, c.status, c.mission_code,
       (SELECT count(*)::int FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'routed') AS routed,
       (SELECT e.actor FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'received'
        ORDER BY e.occurred_at, e.id LIMIT 1) AS created_by
     FROM complaints c ORDER BY c.lapor_id`,
  );
  const syncItems = await q<SyncRow>(
    `SELECT c.lapor_id, s.seq, s.marker, s.status
     FROM sync_items s JOIN complaints c ON c.id = s.complaint_id ORDER BY c.lapor_id, s.seq`,
  );
  const [{ n: outboxUnrelayed }] = await q<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`,
  );
  const deadLetters = await q<{ reason: string; n: number }>(
    `SELECT reason, count(*)::int AS n FROM dead_letters GROUP BY reason ORDER BY reason`,
  );
  return { upstreamComplaints, upstreamFollowUps, complaints, syncItems, outboxUnrelayed, deadLetters };
}

/** The figures the summary prints and the test asserts. */
export interface Figures {
  complaintsIn: number;
  viaWebhook: number;
  viaPoll: number;
  stored: number;
  storedTwice: number;
  notStored: number;
  storedNotInLapor: number;
  routedOnce: number;
  routedTwiceOrMore: number;
  stillReceived: number;
  followUpsWritten: number;
  followUpsInLapor: number;
  followUpsConfirmed: number;
  followUpDuplicates: number;
  followUpsLost: number;
  followUpsOutOfOrder: number;
  syncOpen: number;
  outboxUnrelayed: number;
  deadLetters: number;
}

export function figures(l: Ledger, load: ChaosLoad): Figures {
  const upstream = new Set(l.upstreamComplaints);
  const storedIds = l.complaints.map((c) => c.lapor_id);
  const stored = new Set(storedIds);
  const markers = [...l.upstreamFollowUps.values()].flat().map((f) => f.marker);
  let lost = 0;
  let outOfOrder = 0;
  for (const [laporId, texts] of load.written) {
    const up = (l.upstreamFollowUps.get(laporId) ?? []).map((f) => f.text);
    lost += texts.filter((t) => !up.includes(t)).length;
    const seen = up.filter((t) => texts.includes(t));
    const uniqueInOrder = [...new Set(seen)];
    if (uniqueInOrder.join('\u0000') !== texts.filter((t) => up.includes(t)).join('\u0000')) outOfOrder++;
  }
  return {
    complaintsIn: upstream.size,
    viaWebhook: load.created.filter((c) => c.via === 'webhook').length,
    viaPoll: load.created.filter((c) => c.via === 'poll').length,
    stored: stored.size,
    storedTwice: storedIds.length - stored.size,
    notStored: [...upstream].filter((id) => !stored.has(id)).length,
    storedNotInLapor: [...stored].filter((id) => !upstream.has(id)).length,
    routedOnce: l.complaints.filter((c) => c.routed === 1).length,
    routedTwiceOrMore: l.complaints.filter((c) => c.routed > 1).length,
    stillReceived: l.complaints.filter((c) => c.status === 'received').length,
    followUpsWritten: [...load.written.values()].flat().length,
    followUpsInLapor: markers.length,
    followUpsConfirmed: l.syncItems.filter((s) => s.status === 'confirmed').length,
    followUpDuplicates: markers.length - new Set(markers).size,
    followUpsLost: lost,
    followUpsOutOfOrder: outOfOrder,
    syncOpen: l.syncItems.filter((s) => s.status !== 'confirmed').length,
    outboxUnrelayed: l.outboxUnrelayed,
    deadLetters: l.deadLetters.reduce((n, d) => n + d.n, 0),
  };
}

/**
 * What is not done yet, for a failure message: complaints not stored or not routed, open sync items
 * (head first), the poll cursor, unrelayed outbox rows.
 */
export async function openWork(bed: ChaosBed, l: Ledger): Promise<string> {
  const stored = new Set(l.complaints.map((c) => c.lapor_id));
  const q = async (sql: string) => (await bed.ledger.query(sql)).rows as unknown[];
  return JSON.stringify(
    {
      notStored: l.upstreamComplaints.filter((id) => !stored.has(id)),
      notRouted: l.complaints.filter((c) => c.status === 'received'),
      openSyncItems: await q(
        `SELECT c.lapor_id, s.seq, s.status, s.attempts, s.maybe_sent, s.next_attempt_at, s.last_error_code
         FROM sync_items s JOIN complaints c ON c.id = s.complaint_id
         WHERE s.status <> 'confirmed' ORDER BY s.seq LIMIT 20`,
      ),
      pollCursors: await q(
        `SELECT name, cursor_at, run_id, run_started_at, last_success_at, last_error, last_error_at FROM poll_cursors`,
      ),
      unrelayed: await q(
        `SELECT job_name, attempts, last_error, available_at FROM outbox WHERE relayed_at IS NULL LIMIT 20`,
      ),
      now: new Date().toISOString(),
    },
    null,
    1,
  );
}

/** Quiet: everything LAPOR! has is stored and routed, every follow-up confirmed, the outbox empty. */
export function quiet(f: Figures): boolean {
  return (
    f.notStored === 0 &&
    f.stillReceived === 0 &&
    f.followUpsConfirmed === f.followUpsWritten &&
    f.syncOpen === 0 &&
    f.followUpsLost === 0 &&
    f.outboxUnrelayed === 0
  );
}
