import type { RoutedTo } from '../complaints/complaint-routing.service';
import type { Gazetteer } from './gazetteer/gazetteer';
import { classifyPriority } from './rules/priority';
import { route } from './rules/route';
import { HQ_DESK } from './rules/route.types';

/** The ministry's triage desk: where a complaint goes when no rule finds its office (SPEC.md rule 5). */
export const TRIAGE_DESK = HQ_DESK;

export interface RouterInput {
  dispositionId: string | null;
  title: string;
  content: string;
  locationName: string | null;
}

export interface RouterDirectory {
  /** LAPOR! institution id → mission code (missions.lapor_institution_id, set by admins). */
  missionByInstitutionId: ReadonlyMap<string, string>;
  gazetteer: Gazetteer;
}

/**
 * Decides the responsible office, with the rule, the evidence and a confidence (SPEC.md
 * "Routing"). A pure function. Precedence:
 *   1. LAPOR! disposition to a specific mission's institution id (this file);
 *   2–5. a mission named in the text, headquarters-only matters, the place, else the triage desk
 *        (rules/route.ts, on the gazetteer).
 * Only rule 5 leaves the complaint in `triage`: a headquarters-only matter has its desk.
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
  const d = route(
    { title: input.title, content: input.content, locationText: input.locationName },
    dir.gazetteer,
  );
  return { ...d, triage: d.rule === 'triage' };
}

/** What the preview endpoint and the CLI `route` show: the decision, the status and priority routing would give. */
export interface RoutePreview extends Omit<RoutedTo, 'triage'> {
  status: 'assigned' | 'triage';
  priority: 'normal' | 'high' | 'urgent';
}

export function previewRoute(input: RouterInput, dir: RouterDirectory): RoutePreview {
  const { triage, ...d } = decide(input, dir);
  return {
    ...d,
    status: triage ? 'triage' : 'assigned',
    priority: classifyPriority(input.title, input.content).priority,
  };
}
