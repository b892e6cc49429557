import { createHash } from 'node:crypto';
import type { UpstreamComplaint } from '../../integrations/lapor/lapor.types';

/** The upstream fields the bridge stores, in the order they are compared and hashed. */
export const SNAPSHOT_FIELDS = [
  'trackingId',
  'title',
  'content',
  'statusCode',
  'statusName',
  'classificationId',
  'classificationName',
  'classification',
  'categoryId',
  'categoryName',
  'locationId',
  'locationName',
  'dateOfIncident',
  'isAnonymous',
  'isSecret',
  'reporter',
  'dispositionId',
  'dispositionName',
  'dispositionedAt',
  'createdAt',
] as const satisfies readonly (keyof UpstreamComplaint)[];

/**
 * Hash of the content of an upstream snapshot, without `updatedAt`: LAPOR! may bump updated_at
 * without changing anything, and "an update with identical content adds nothing" (SPEC.md Intake).
 */
export function snapshotHash(c: UpstreamComplaint): string {
  const canonical = SNAPSHOT_FIELDS.map((f) => {
    const v = c[f];
    return v instanceof Date ? v.toISOString() : (v ?? null);
  });
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** A short, non-personal reason for quarantine: the unknown codes (never names of people). */
export function quarantineReason(c: UpstreamComplaint): string | null {
  if (!c.unknownCodes.length) return null;
  return c.unknownCodes.map((u) => `unknown ${u.field} ${u.code ?? '∅'} (${u.name ?? '∅'})`).join('; ');
}
