import type { RoutedTo } from '../complaints/complaint-routing.service';

/** The ministry's triage desk: where a complaint goes when no rule finds its office (SPEC.md rule 5). */
export const TRIAGE_DESK = 'hq-djpk';

export interface RouterInput {
  dispositionId: string | null;
  title: string;
  content: string;
  locationName: string | null;
}

export interface RouterDirectory {
  /** LAPOR! institution id → mission code (missions.lapor_institution_id, set by admins). */
  missionByInstitutionId: ReadonlyMap<string, string>;
}

/**
 * Decides the responsible office, with the rule, the evidence and a confidence (SPEC.md
 * "Routing"). A pure function. Precedence:
 *   1. LAPOR! disposition to a specific mission's institution id;
 *   5. nothing found → the ministry triage desk, with the reason.
 * (Rules 2–4 — a mission named in the text, headquarters-only matters, the place — come with the
 * gazetteer of the routing issue; until then such complaints reach the triage desk.)
 */
export function decide(input: RouterInput, dir: RouterDirectory): RoutedTo {
  if (input.dispositionId) {
    const mission = dir.missionByInstitutionId.get(input.dispositionId);
    if (mission) {
      return {
        missionCode: mission,
        triage: false,
        rule: 'disposition',
        evidence: [`LAPOR! disposition to institution ${input.dispositionId}`],
        confidence: 1,
      };
    }
  }
  return {
    missionCode: TRIAGE_DESK,
    triage: true,
    rule: 'triage',
    evidence: ['no rule identified the responsible office'],
    confidence: 0,
  };
}
