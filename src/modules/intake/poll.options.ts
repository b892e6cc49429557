import type { JobsOptions } from 'bullmq';
import { createHash } from 'node:crypto';
import type { ConfigService } from '../../core/config/config.service';

/**
 * Tunables of polling and backfill (README.md in this folder explains each). Provided under
 * INTAKE_POLL_OPTIONS with the defaults below; tests override them to page and retry quickly.
 */
export interface PollOptions {
  /** Items per LAPOR! inbox page. */
  pageSize: number;
  /** A run whose start is older than this is dead: the next tick starts a new one from the same cursor. */
  staleRunMs: number;
  /**
   * A run older than this whose page jobs are all gone from Redis (lost with it) is dead too: the
   * next tick replaces it at once instead of waiting out staleRunMs. A live run always has a page
   * waiting, delayed or active (each page adds the next before it completes), so this only guards
   * the moment between claiming a run and adding its first page.
   */
  orphanCheckMs: number;
  /** Bound on pages of one run (or one backfill): a LAPOR! that pages forever fails the run. */
  maxPagesPerRun: number;
  /** The same bound for one backfill (a year of history may be long). */
  maxPagesPerBackfill: number;
  /** First run ever: the window starts this long before now (older history is backfill's job). */
  firstRunLookbackMs: number;
  /** The same against the bundled sandbox, whose demo complaints span the last ~30 days. */
  sandboxFirstRunLookbackMs: number;
  /** Re-scan window: the last 24 h, once a night. */
  rescanWindowMs: number;
  /** Hour of the day (WIB, Asia/Jakarta) after which the nightly re-scan is due. */
  rescanHourWib: number;
  /** Open complaints re-read per refresh tick. */
  refreshBatch: number;
  /** Refresh ticks come every this many poll intervals. */
  refreshEveryIntervals: number;
  /** Attempts and backoff of a poll page job (see README: a LAPOR! outage of minutes is absorbed). */
  pageAttempts: number;
  pageBackoffMs: number;
}

export const DEFAULT_POLL_OPTIONS: PollOptions = {
  pageSize: 100,
  staleRunMs: 15 * 60_000,
  orphanCheckMs: 20_000,
  maxPagesPerRun: 1000,
  maxPagesPerBackfill: 20_000,
  firstRunLookbackMs: 24 * 3600_000,
  sandboxFirstRunLookbackMs: 31 * 24 * 3600_000,
  rescanWindowMs: 24 * 3600_000,
  rescanHourWib: 1,
  refreshBatch: 50,
  refreshEveryIntervals: 10,
  pageAttempts: 6,
  pageBackoffMs: 5000,
};

export const INTAKE_POLL_OPTIONS = Symbol('INTAKE_POLL_OPTIONS');

/** Poll and refresh jobs are many and short-lived: keep them a day, not the default week. */
const SHORT_LIVED: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 24 * 3600, count: 20_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export function pollPageJobOptions(o: PollOptions): JobsOptions {
  return {
    attempts: o.pageAttempts,
    backoff: { type: 'exponential', delay: o.pageBackoffMs, jitter: 0.3 },
    ...SHORT_LIVED,
  };
}

export const REFRESH_JOB_OPTIONS: JobsOptions = { ...SHORT_LIVED };

/** Whether this process runs the poll schedules: POLL_ENABLED, by default on except under NODE_ENV=test. */
export function pollSchedulesEnabled(config: ConfigService): boolean {
  return config.runsWorker && (config.get('POLL_ENABLED') ?? config.get('NODE_ENV') !== 'test');
}

/** A BullMQ job id part from a LAPOR! id: custom job ids must not contain ':'. */
export function jobIdPart(laporId: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(laporId)
    ? laporId
    : `h${createHash('sha256').update(laporId).digest('hex').slice(0, 24)}`;
}

/** Page `seq` of a run: deterministic, so a retried page re-adds its successor as a no-op. */
export function pollPageJobId(runId: string, seq: number): string {
  return `poll-${runId}-${seq}`;
}
