import type { OpenAPIObject } from '@nestjs/swagger';
import { ROLES, type Role } from './role';

/** The OpenAPI extension naming the roles that may call an operation (set by `@Roles()`). */
export const ROLES_EXTENSION = 'x-roles';

type Operation = {
  security?: unknown[];
  description?: string;
  responses?: Record<string, { description: string }>;
  [ROLES_EXTENSION]?: Role[];
};

/**
 * Writes who may call each bearer-token operation into the OpenAPI document, from the same
 * `@Roles()` the guard enforces (so the document cannot drift from the code): `x-roles`, a
 * "Roles:" line in the description, and the 401, 403 and 429 every such route can answer.
 */
export function documentAccess(document: OpenAPIObject): OpenAPIObject {
  for (const ops of Object.values(document.paths))
    for (const op of Object.values(ops as Record<string, Operation>)) {
      if (!op || typeof op !== 'object' || !op.security) continue;
      const roles = op[ROLES_EXTENSION] ?? [...ROLES];
      op[ROLES_EXTENSION] = roles;
      const responses = (op.responses ??= {});
      responses['401'] ??= {
        description: 'AUTH_REQUIRED (no token), AUTH_INVALID_TOKEN (unknown, revoked or expired)',
      };
      if (roles.length < ROLES.length)
        responses['403'] ??= { description: `FORBIDDEN_ROLE: only ${roles.join(', ')}` };
      responses['429'] ??= { description: 'RATE_LIMITED: over the per-token limit (Retry-After)' };
      const scoped = roles.some((r) => r === 'handler' || r === 'supervisor')
        ? ' (handler, supervisor: their own mission only)'
        : '';
      op.description = `**Roles:** ${roles.join(', ')}${scoped}.${op.description ? `\n\n${op.description}` : ''}`;
    }
  return document;
}
