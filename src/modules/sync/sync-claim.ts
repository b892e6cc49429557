/**
 * How long a claimed item is the sender's: past it, another worker takes it over (and looks first).
 * Sooner when the claiming worker's heartbeat is stale (HEARTBEAT_STALE_MS): it died (kill -9).
 */
export const SYNC_CLAIM_MS = 120_000;

/**
 * A claim whose worker is dead: no fresh heartbeat from it (live ids in $2), and the claim older than
 * a heartbeat's staleness (next_attempt_at within $3 ms = SYNC_CLAIM_MS - HEARTBEAT_STALE_MS), so a
 * worker that claimed before its first heartbeat landed is not mistaken for a dead one.
 */
export const DEAD_CLAIM = `status = 'sending'
  AND NOT (COALESCE(claimed_by, '') = ANY($2::text[]))
  AND next_attempt_at <= now() + make_interval(secs => $3::double precision / 1000)`;
