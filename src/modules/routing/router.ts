import type { RoutedTo } from '../complaints/complaint-routing.service';
import type { Gazetteer } from './gazetteer/gazetteer';
import { priorityOf, type Priority } from './rules/priority';
import { route, RouteText } from './rules/route';
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

const routeInput = (input: RouterInput) => ({
  title: input.title,
  content: input.content,
  locationText: input.locationName,
});

/**
 * Decides the responsible office, with the rule, the evidence and a confidence (SPEC.md
 * "Routing"). A pure function. Precedence:
 *   1. LAPOR! disposition to a specific mission's institution id (this file);
 *   2–5. a mission named in the text, headquarters-only matters, the place, else the triage desk
 *        (rules/route.ts, on the gazetteer).
 * Only rule 5 leaves the complaint in `triage`: a headquarters-only matter has its desk. `text`:
 * the input's words, when the caller reads them too (decideWithPriority).
 */
export function decide(
  input: RouterInput,
  dir: RouterDirectory,
  text: RouteText = new RouteText(routeInput(input)),
): RoutedTo {
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
  const d = route(text.input, dir.gazetteer, text);
  return { ...d, triage: d.rule === 'triage' };
}

/**
 * What routing records: the decision, and the priority the words give (classifyPriority), from one
 * reading of the words.
 */
export function decideWithPriority(
  input: RouterInput,
  dir: RouterDirectory,
): { decision: RoutedTo; priority: { priority: Priority; evidence: string[] } } {
  const text = new RouteText(routeInput(input));
  return { decision: decide(input, dir, text), priority: priorityOf(text.normalized) };
}

/** What the preview endpoint and the CLI `route` show: the decision, the status and priority routing would give. */
export interface RoutePreview extends Omit<RoutedTo, 'triage'> {
  status: 'assigned' | 'triage';
  priority: 'normal' | 'high' | 'urgent';
}

export function previewRoute(input: RouterInput, dir: RouterDirectory): RoutePreview {
  const { decision, priority } = decideWithPriority(input, dir);
  const { triage, ...d } = decision;
  return { ...d, status: triage ? 'triage' : 'assigned', priority: priority.priority };
}
