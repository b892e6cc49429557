import { Gauge, Registry } from 'prom-client';
import type { OpenComplaintCount } from '../complaints/complaint-metrics.service';
import type { SourceName } from './cached-source';

/** Every metric of the bridge starts with this (README.md "Metrics"). */
export const METRIC_PREFIX = 'lapor_bridge_';

/** The label value of figures that belong to no office yet (unrouted complaints, their sync items). */
export const NO_OFFICE = '(none)';

/** BullMQ job states reported per queue. */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface QueueFigures {
  queue: string;
  counts: Record<JobState, number>;
  /** Epoch ms the oldest waiting job became due (added, plus its delay); null when none waits. */
  oldestWaitingDueAt: number | null;
}
export interface OutboxFigures {
  backlog: number;
  oldestPendingAgeSeconds: number | null;
}
export interface CursorFigures {
  cursor: string;
  cursorAt: Date;
  lastSuccessAt: Date | null;
}
export interface SyncFigures {
  missionCode: string | null;
  backlog: number;
  oldestAgeSeconds: number | null;
  deadLetters: number;
}

const office = (code: string | null) => code ?? NO_OFFICE;
const ageSeconds = (now: number, at: number) => Math.max(0, Math.round((now - at) / 1000));

/**
 * The gauges of the figures read from Postgres and Redis, in one registry. Each source's gauges are
 * reset before they are set, so an office or state that has gone away does not linger with its last
 * value; a source that could not be read leaves its gauges out (and scrape_error says so).
 * Codes, ids and counts only: no metric carries complaint content or reporter data.
 */
export class MetricGauges {
  /** A registry of its own (not prom-client's global one): two apps in one process do not collide. */
  readonly registry = new Registry();

  private readonly gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name: METRIC_PREFIX + name, help, labelNames, registers: [this.registry] });

  private readonly queueJobs = this.gauge('queue_jobs', 'Jobs in each BullMQ queue, by state.', [
    'queue',
    'state',
  ]);
  private readonly queueOldest = this.gauge(
    'queue_oldest_waiting_age_seconds',
    'Seconds the oldest waiting job of each queue has been due (since added, plus its delay); 0 when none waits.',
    ['queue'],
  );
  private readonly outboxBacklog = this.gauge(
    'outbox_backlog',
    'Outbox rows not yet relayed to BullMQ (delayed rows included).',
  );
  private readonly outboxOldest = this.gauge(
    'outbox_oldest_age_seconds',
    'Age of the oldest outbox row not yet relayed, seconds; 0 when none.',
  );
  private readonly pollSuccessAge = this.gauge(
    'intake_poll_last_success_age_seconds',
    'Seconds since the last completed LAPOR! poll run of each cursor (inbox, rescan); absent before the first.',
    ['cursor'],
  );
  private readonly pollCursorLag = this.gauge(
    'intake_poll_cursor_lag_seconds',
    'Seconds between now and the poll cursor: how old the newest LAPOR! change surely read is.',
    ['cursor'],
  );
  private readonly syncBacklog = this.gauge(
    'sync_backlog',
    'Sync items not yet confirmed by LAPOR! (pending or sending), per office.',
    ['mission_code'],
  );
  private readonly syncOldest = this.gauge(
    'sync_oldest_age_seconds',
    'Age of the oldest unconfirmed sync item, per office, seconds; 0 when none.',
    ['mission_code'],
  );
  private readonly deadLetters = this.gauge(
    'sync_dead_letters',
    'Dead letters not yet retried, per office.',
    ['mission_code'],
  );
  private readonly complaintsOpen = this.gauge(
    'complaints_open',
    'Open complaints (every status but closed and forwarded), per mission and status.',
    ['mission_code', 'status'],
  );
  private readonly complaintsBreached = this.gauge(
    'complaints_breached_open',
    'Open complaints with an SLA clock breached in the current cycle, per mission and status.',
    ['mission_code', 'status'],
  );
  private readonly scrapeError = this.gauge(
    'scrape_error',
    '1 when the source could not be read for this scrape (its figures are left out), else 0.',
    ['source'],
  );
  private readonly scrapeDuration = this.gauge(
    'scrape_duration_seconds',
    'How long the last read of each source took, seconds.',
    ['source'],
  );

  private readonly bySource: { [S in SourceName]: Gauge<string>[] } = {
    queues: [this.queueJobs, this.queueOldest],
    outbox: [this.outboxBacklog, this.outboxOldest],
    intake: [this.pollSuccessAge, this.pollCursorLag],
    sync: [this.syncBacklog, this.syncOldest, this.deadLetters],
    complaints: [this.complaintsOpen, this.complaintsBreached],
  };

  /** Records how reading the source went; on failure its figures are dropped. */
  outcome(source: SourceName, ok: boolean, seconds: number): void {
    this.scrapeError.set({ source }, ok ? 0 : 1);
    this.scrapeDuration.set({ source }, seconds);
    for (const g of this.bySource[source]) g.reset();
  }

  queues(figures: QueueFigures[], now: number): void {
    for (const q of figures) {
      for (const state of JOB_STATES) this.queueJobs.set({ queue: q.queue, state }, q.counts[state] ?? 0);
      this.queueOldest.set(
        { queue: q.queue },
        q.oldestWaitingDueAt === null ? 0 : ageSeconds(now, q.oldestWaitingDueAt),
      );
    }
  }

  outbox(f: OutboxFigures): void {
    this.outboxBacklog.set(f.backlog);
    this.outboxOldest.set(f.oldestPendingAgeSeconds ?? 0);
  }

  intake(cursors: CursorFigures[], now: number): void {
    for (const c of cursors) {
      this.pollCursorLag.set({ cursor: c.cursor }, ageSeconds(now, c.cursorAt.getTime()));
      if (c.lastSuccessAt)
        this.pollSuccessAge.set({ cursor: c.cursor }, ageSeconds(now, c.lastSuccessAt.getTime()));
    }
  }

  sync(offices: SyncFigures[]): void {
    for (const o of offices) {
      const labels = { mission_code: office(o.missionCode) };
      this.syncBacklog.set(labels, o.backlog);
      this.syncOldest.set(labels, o.oldestAgeSeconds ?? 0);
      this.deadLetters.set(labels, o.deadLetters);
    }
  }

  complaints(counts: OpenComplaintCount[]): void {
    for (const c of counts) {
      const labels = { mission_code: office(c.missionCode), status: c.status };
      this.complaintsOpen.set(labels, c.open);
      this.complaintsBreached.set(labels, c.breached);
    }
  }
}
