import type { JobsOptions } from 'bullmq';

/**
 * Tunables of the reconciler (README.md in this folder). Provided under RECONCILE_OPTIONS with the
 * defaults below; the interval between runs is RECONCILE_INTERVAL_S (config).
 */
export interface ReconcileOptions {
  /** The LAPOR! inbox is read from this long before the run (complaints changed in it are compared). */
  inboxWindowMs: number;
  inboxPageSize: number;
  /** Bound on inbox pages per run: a longer inbox is read up to here (and the run says incomplete). */
  maxInboxPages: number;
  /** Complaints compared per run (each costs a detail read, and a follow-up read if it has sent any). */
  maxComplaints: number;
  /** Closed and forwarded complaints are compared too while changed within this long. */
  closedLookbackMs: number;
  /**
   * What changed upstream (or was confirmed) this recently is not compared yet: the poll and the
   * sender catch up within a few intervals, and a drift they would fix anyway is noise.
   */
  graceMs: number;
  /** A queued or started run older than this is taken for dead: the scheduler queues a new one. */
  staleRunMs: number;
}

export const DEFAULT_RECONCILE_OPTIONS: ReconcileOptions = {
  inboxWindowMs: 30 * 24 * 3600_000,
  inboxPageSize: 100,
  maxInboxPages: 50,
  maxComplaints: 200,
  closedLookbackMs: 7 * 24 * 3600_000,
  graceMs: 10 * 60_000,
  staleRunMs: 60 * 60_000,
};

export const RECONCILE_OPTIONS = Symbol('RECONCILE_OPTIONS');

/**
 * One attempt: a run that fails is recorded as not ok and the next interval runs again (a retried
 * job of a finished run would do nothing anyway).
 */
export const RECONCILE_JOB_OPTIONS: JobsOptions = {
  attempts: 1,
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function reconcileJobId(runId: string): string {
  return `reconcile-${runId}`;
}
