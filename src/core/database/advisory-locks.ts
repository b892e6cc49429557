/**
 * Keys of the Postgres advisory locks the bridge uses. One registry so two features never pick the
 * same number. Stored nowhere, but shared by every replica — never reuse a number for another purpose.
 */
export const ADVISORY_LOCKS = {
  migrations: 7_301_001,
  seed: 7_301_002,
  outboxRelay: 7_301_003,
  maintenanceScheduler: 7_301_004,
  /** Starting LAPOR! inbox poll runs and the nightly re-scan (intake/poll.scheduler.ts). */
  intakePoll: 7_301_005,
  /** Enqueuing re-reads of open complaints (intake/refresh.scheduler.ts). */
  intakeRefresh: 7_301_006,
  /** Re-queuing due or stuck sync items and alerting on old ones (sync/sync.scheduler.ts). */
  syncSweep: 7_301_007,
  /** Queuing reconciler runs (reconcile/reconcile.scheduler.ts). */
  reconcileSchedule: 7_301_008,
  /** Held for a whole reconciler run, so runs (scheduled or by hand) never overlap. */
  reconcileRun: 7_301_009,
  /** The SLA sweep: recomputing clocks and firing warnings, breaches and escalations (sla/sla-sweep.service.ts). Single writer of sla_facts, so its seq commits in order. */
  slaSweep: 7_301_010,
  /** Re-queuing routing for complaints left in `received` (routing/routing.scheduler.ts). */
  routingSweep: 7_301_011,
} as const;
export type LeaseName = keyof typeof ADVISORY_LOCKS;
