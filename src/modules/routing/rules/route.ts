import { Gazetteer } from '../gazetteer/gazetteer';
import { hqOnlyRule } from './hq-only.rule';
import { missionNamedRule } from './mission-named.rule';
import { placeRule } from './place.rule';
import { HQ_DESK, type RouteDecision, type RouteInput } from './route.types';

/**
 * SPEC.md "Routing" precedence 2–5, pure: a named mission, then ministry-only matters, then the
 * place (country → subdivision → mission), else the triage desk with the reason.
 */
export function route(input: RouteInput, g: Gazetteer = Gazetteer.default()): RouteDecision {
  const titleMissions = g.findMissionMentions(input.title);
  const contentMissions = g.findMissionMentions(input.content);
  const place = placeRule(g, [
    { label: 'location', text: input.locationText ?? '', weight: 1.5, skip: [] },
    { label: 'title', text: input.title, weight: 1.2, skip: titleMissions },
    { label: 'content', text: input.content, weight: 1, skip: contentMissions },
  ]);
  const named = missionNamedRule(titleMissions, contentMissions, place?.missionCode ?? null);
  if (named) return named;
  const hq = hqOnlyRule(input.title, input.content);
  if (hq) return hq;
  if (place) return place;
  return {
    missionCode: HQ_DESK,
    rule: 'triage',
    evidence: ['no mission, ministry-only matter or place abroad found in the text or location'],
    confidence: 0,
  };
}
