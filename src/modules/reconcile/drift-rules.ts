import { LAPOR_CLOSING_MEANINGS } from '../complaints/complaint-ingest.service';
import type { LaporStatusMeaning, UpstreamComplaint } from '../../integrations/lapor/lapor.types';
import { TRANSITIONS } from '../complaints/complaint-state-machine';
import type { ComplaintStatus } from '../complaints/complaint.types';

/** The bridge's copy of a complaint's status, as the reconciler compares it. */
export interface LocalStatus {
  status: ComplaintStatus;
  lapor_status_code: string | null;
  lapor_status_name: string | null;
}

export interface StatusDrift {
  /** Ids and status names only. */
  detail: {
    localStatus: ComplaintStatus;
    localLaporStatusCode: string | null;
    localLaporStatus: string | null;
    upstreamStatusCode: string | null;
    upstreamStatus: string | null;
    upstreamMeaning: LaporStatusMeaning | null;
  };
  /** Whether re-reading the complaint (ingest) can fix it: see README.md "Status mismatch". */
  refetch: boolean;
}

/**
 * The LAPOR! statuses that end a complaint here (`closed`): what ingest closes on a read
 * (complaint-ingest.service.ts, closeIfFinished) — Selesai, Diarsipkan, and an admin's Ditolak.
 */
const CLOSING = LAPOR_CLOSING_MEANINGS;

/**
 * Whether the internal status agrees with what LAPOR!'s status means (SPEC.md "Handling workflow"
 * table). `received` is not judged (routing has not run: it closes a complaint that arrived
 * finished), nor `forwarded` (the complaint left us: LAPOR!'s later status is the other
 * institution's), nor an unknown LAPOR! status (quarantine's business).
 */
export function statusAgrees(status: ComplaintStatus, meaning: LaporStatusMeaning | null): boolean {
  if (meaning === null || status === 'received' || status === 'forwarded') return true;
  return CLOSING.includes(meaning) ? status === 'closed' : status !== 'closed';
}

/**
 * A status mismatch between the bridge's copy and LAPOR!'s complaint, or null when they agree: the
 * stored LAPOR! status differs from LAPOR!'s, or the internal status contradicts it.
 */
export function statusDrift(local: LocalStatus, upstream: UpstreamComplaint): StatusDrift | null {
  const stale =
    (local.lapor_status_code ?? null) !== (upstream.statusCode ?? null) ||
    (local.lapor_status_name ?? null) !== (upstream.statusName ?? null);
  if (!stale && statusAgrees(local.status, upstream.statusMeaning)) return null;
  // Ingest stores LAPOR!'s status and closes what LAPOR! ended (upstream-close); it reopens nothing,
  // so a closed complaint LAPOR! shows in process again is a person's to look at.
  const closable =
    upstream.statusMeaning !== null &&
    CLOSING.includes(upstream.statusMeaning) &&
    TRANSITIONS['upstream-close'].from.includes(local.status);
  return {
    detail: {
      localStatus: local.status,
      localLaporStatusCode: local.lapor_status_code,
      localLaporStatus: local.lapor_status_name,
      upstreamStatusCode: upstream.statusCode,
      upstreamStatus: upstream.statusName,
      upstreamMeaning: upstream.statusMeaning,
    },
    refetch: stale || closable,
  };
}

/** The items whose marker appears in none of LAPOR!'s follow-ups (the sender puts it in the text). */
export function notUpstream<T extends { marker: string }>(items: T[], upstream: { content: string }[]): T[] {
  return items.filter((i) => !upstream.some((f) => f.content.includes(i.marker)));
}
