import type { Principal } from '../auth/principal';
import { MISSION_SCOPED_ROLES } from '../auth/role';

/**
 * Whose notifications a caller's list holds: a handler's or supervisor's own office's; for monitors
 * and admins the office they ask for, or every office's (undefined).
 */
export function noticeOffice(who: Principal, asked?: string): string | undefined {
  return MISSION_SCOPED_ROLES.includes(who.role) ? (who.missionCode ?? '-') : asked;
}
