import type { Principal } from '../auth/principal';
import type { Role } from '../auth/role';

/**
 * Who may open the dashboard (SPEC.md "Users": monitors; admins see everything; supervisors have
 * mission reports). The reports API scopes a supervisor's figures to their own mission.
 */
export const DASHBOARD_ROLES: readonly Role[] = ['monitor', 'admin', 'supervisor'];

/** Who may open Bull Board (SPEC.md "Users": admins, "queue UI"). */
export const QUEUE_BOARD_ROLES: readonly Role[] = ['admin'];

export function mayUseDashboard(p: Principal): boolean {
  return DASHBOARD_ROLES.includes(p.role);
}

/**
 * Referrer-Policy of the dashboard's pages, instead of helmet's no-referrer: the URL still never
 * leaves for another site, and browsers without Sec-Fetch-Site send a real Origin header (not
 * "null") with the sign-in and sign-out forms, which isSameOrigin() checks.
 */
export const SAME_ORIGIN_REFERRER = 'same-origin';
