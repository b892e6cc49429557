import { DomainError } from '../../core/http/domain.errors';
import type { Role } from '../auth/role';
import type { HandlerAction } from '../complaints/complaint-state-machine';

/** Which role may take which action (SPEC.md "Users"); monitors never write. */
export const ACTION_ROLES: { readonly [A in HandlerAction]: readonly Role[] } = {
  acknowledge: ['handler', 'supervisor', 'admin'],
  'followup-public': ['handler', 'supervisor', 'admin'],
  'followup-internal': ['handler', 'supervisor', 'admin'],
  'ask-reporter': ['handler', 'supervisor', 'admin'],
  resolve: ['handler', 'supervisor', 'admin'],
  reopen: ['handler', 'supervisor', 'admin'],
  transfer: ['supervisor', 'admin'],
  escalate: ['handler', 'supervisor', 'admin'],
  reject: ['handler', 'supervisor', 'admin'],
};

/**
 * The version in `If-Match` (the ETag of GET /complaints/{id}): `"7"`, `W/"7"` or `7`. Required on
 * every write, so nobody overwrites a change they have not seen.
 */
export function expectedVersion(ifMatch: string | undefined): number {
  if (!ifMatch)
    throw new DomainError(
      'PRECONDITION_REQUIRED',
      428,
      'Send If-Match with the ETag of the complaint you read (GET /api/v1/complaints/{id}).',
    );
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(ifMatch);
  if (!m)
    throw new DomainError('VALIDATION_FAILED', 400, 'If-Match must be the ETag of the complaint, e.g. "3".', {
      errors: [{ field: 'If-Match', message: 'must be an ETag like "3"' }],
    });
  return Number(m[1]);
}

/** The ETag of a complaint version. */
export function etag(version: number): string {
  return `"${version}"`;
}
