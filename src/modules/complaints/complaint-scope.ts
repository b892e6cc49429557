/** The ministry's consular desk (DJPK): triage, and the complaints missions escalate to the ministry. */
export const MINISTRY_OFFICE = 'hq-djpk';

/** Escalation level at which a complaint is the ministry's concern too (level 1: the mission's supervisor). */
export const MINISTRY_ESCALATION_LEVEL = 2;

/**
 * Which complaints a caller may see and act on, as one rule for every read and write (SPEC.md
 * "Users"): null = every complaint (monitors, admins); otherwise the complaints of these offices (a
 * mission and the desks inside it) — and, for the ministry's own people (offices include
 * `hq-djpk`), every complaint a mission escalated to the ministry, since they must act on it.
 * Anything outside is "not found", never "forbidden", so its existence does not leak.
 */
export type ComplaintScope = readonly string[] | null;

export function inScope(
  scope: ComplaintScope,
  c: { mission_code: string | null; escalation_level: number },
): boolean {
  if (!scope) return true;
  if (c.mission_code !== null && scope.includes(c.mission_code)) return true;
  return scope.includes(MINISTRY_OFFICE) && c.escalation_level >= MINISTRY_ESCALATION_LEVEL;
}

/** The same rule as a WHERE condition on `complaints c`; `param` binds the office list. */
export function scopeCondition(scope: readonly string[], param: (v: unknown) => string): string {
  const own = `c.mission_code = ANY(${param(scope)}::text[])`;
  return scope.includes(MINISTRY_OFFICE)
    ? `(${own} OR c.escalation_level >= ${MINISTRY_ESCALATION_LEVEL})`
    : own;
}
