import type { MissionMention } from '../gazetteer/gazetteer';
import type { RouteDecision } from './route.types';

/**
 * SPEC.md rule 2 and data README §4 rule 1: a complaint about a named mission's own conduct goes
 * to that mission. When several are named, the one the text dwells on (more mentions, in the
 * title) and that agrees with the place wins; a mission named as *not* responsible is ignored.
 */
export function missionNamedRule(
  title: MissionMention[],
  content: MissionMention[],
  placeMission: string | null,
): RouteDecision | null {
  const scores = new Map<string, { score: number; text: string }>();
  const add = (m: MissionMention, w: number) => {
    if (m.negated) return;
    const s = scores.get(m.missionCode) ?? { score: 0, text: m.text };
    s.score += w;
    scores.set(m.missionCode, s);
  };
  for (const m of title) add(m, 1.5);
  for (const m of content) add(m, 1);
  if (scores.size === 0) return null;
  if (placeMission && scores.has(placeMission)) scores.get(placeMission)!.score += 1;
  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score);
  const [code, best] = ranked[0];
  const evidence = [`mission named: "${best.text}"`];
  if (ranked.length > 1)
    evidence.push(
      `also named: ${ranked
        .slice(1)
        .map(([c]) => c)
        .join(', ')}`,
    );
  return { missionCode: code, rule: 'mission-named', evidence, confidence: ranked.length > 1 ? 0.8 : 0.95 };
}
