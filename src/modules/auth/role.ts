/** Roles of SPEC.md "Users". Stored in the database — never rename. */
export const ROLES = ['handler', 'supervisor', 'monitor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles scoped to one mission: they see only that mission's complaints. */
export const MISSION_SCOPED_ROLES: readonly Role[] = ['handler', 'supervisor'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
