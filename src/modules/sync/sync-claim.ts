/**
 * How long a claimed item is the sender's before the claim must be renewed: the sender renews it
 * every quarter of this while it works, so a live worker's claim never runs out.
 */
export const SYNC_CLAIM_MS = 120_000;

/**
 * A claim another worker may take over (looking first): its worker is dead — no fresh heartbeat
 * (live ids in $2; a sender writes its heartbeat before its first claim) — or it stopped renewing it
 * (hung) and the claim ran out.
 */
export const DEAD_CLAIM = `status = 'sending' AND NOT (COALESCE(claimed_by, '') = ANY($2::text[]))`;

/** The claim is still this attempt's ($1 item, $2 worker, $3 attempts): outcomes are written only then. */
export const OWNED = `id = $1 AND status = 'sending' AND claimed_by = $2 AND attempts = $3`;
