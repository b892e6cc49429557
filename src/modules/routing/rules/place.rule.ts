import type { Gazetteer, PlaceEntry, PlaceMention } from '../gazetteer/gazetteer';
import { tokenize, type Token } from '../gazetteer/normalize';
import { HQ_DESK, type RouteDecision } from './route.types';

/** A text to search for places, how much it counts, and spans to skip (mission names). */
export interface PlaceSource {
  label: 'location' | 'title' | 'content';
  text: string;
  weight: number;
  skip: { start: number; end: number }[];
  /** The text's words, when already tokenised. */
  tokens?: readonly Token[];
}

interface Reading {
  entry: PlaceEntry;
  mention: PlaceMention;
  weight: number;
  order: number;
}

// "dulu tinggal di Kyoto", "katanya kerja di Thailand": a past or promised place, not where the citizen is.
const NOT_HERE = new Set([
  'dulu',
  'dahulu',
  'katanya',
  'dijanjikan',
  'janji',
  'formerly',
  'previously',
  'promised',
]);

/**
 * SPEC.md rule 4: country → subdivision → the mission whose jurisdiction covers it. Subdivision and
 * city names weigh more than country names (the more precise clue says where the citizen is);
 * aliases are read inside their own country only. Returns null when no place is found.
 */
export function placeRule(g: Gazetteer, sources: PlaceSource[]): RouteDecision | null {
  const mentions: { m: PlaceMention; weight: number; order: number }[] = [];
  let order = 0;
  for (const s of sources) {
    if (!s.text) continue;
    const tokens = s.tokens ?? tokenize(s.text);
    for (const m of g.findPlaces(s.text, tokens)) {
      if (s.skip.some((k) => m.start < k.end && m.end > k.start)) continue;
      const past = wordsBefore(s.text, tokens, m.start).some((t) => NOT_HERE.has(t.norm));
      mentions.push({ m, weight: s.weight * (past ? 0.3 : 1) * (m.fuzzy ? 0.5 : 1), order: order++ });
    }
  }
  // Countries named without doubt (one country reading) anchor the ambiguous names (Georgia, Punjab).
  const anchored = new Set<string>();
  for (const { m } of mentions) {
    const cs = new Set(m.entries.filter((e) => !isWeak(e)).map((e) => e.country));
    if (cs.size === 1) anchored.add([...cs][0]);
  }
  const readings: Reading[] = [];
  for (const { m, weight, order: o } of mentions) {
    let entries = m.entries.filter((e) => e.country !== 'ID' && (!isWeak(e) || anchored.has(e.country)));
    const countries = new Set(entries.map((e) => e.country));
    if (countries.size > 1) {
      const inAnchored = entries.filter((e) => anchored.has(e.country));
      const asCountry = entries.filter((e) => e.kind === 'country');
      // CN-TW "Hsinchu" and TW "Hsinchu" lead to the same office: not really ambiguous.
      const offices = new Set(entries.map((e) => officeOf(g, e)));
      entries = inAnchored.length
        ? inAnchored
        : offices.size === 1
          ? entries.filter((e) => e.country === entries[entries.length - 1].country)
          : asCountry;
      if (new Set(entries.map((e) => e.country)).size !== 1) continue; // still ambiguous: no evidence
    }
    for (const entry of entries) readings.push({ entry, mention: m, weight, order: o });
  }
  if (readings.length === 0) return null;

  const byCountry = new Map<string, { score: number; first: number }>();
  for (const r of readings) {
    const c = byCountry.get(r.entry.country) ?? { score: 0, first: r.order };
    c.score += r.weight * (r.entry.kind === 'country' ? 1 : 2);
    byCountry.set(r.entry.country, c);
  }
  const ranked = [...byCountry.entries()].sort((a, b) => b[1].score - a[1].score || a[1].first - b[1].first);
  const [country, { score }] = ranked[0];
  const total = ranked.reduce((sum, [, c]) => sum + c.score, 0);
  const share = score / total;
  const inCountry = readings.filter((r) => r.entry.country === country);
  const anyFuzzy = inCountry.every((r) => r.mention.fuzzy);
  const evidence = [...new Set(inCountry.map((r) => `place "${r.mention.text}"`))];
  const name = g.countryName(country);

  const local = new Map<string, { score: number; first: number; where: string }>();
  for (const r of inCountry) {
    const code = r.entry.kind === 'country' ? undefined : r.entry.missionCode;
    if (!code) continue;
    const where = r.entry.kind === 'subdivision' ? r.entry.subdivision : r.mention.text;
    const l = local.get(code) ?? { score: 0, first: r.order, where };
    l.score += r.weight;
    local.set(code, l);
  }
  const conf = (base: number) => round(base * share * (anyFuzzy ? 0.8 : 1));
  if (local.size > 0) {
    const [code, best] = [...local.entries()].sort(
      (a, b) => b[1].score - a[1].score || a[1].first - b[1].first,
    )[0];
    return {
      missionCode: code,
      rule: 'place',
      evidence: [...evidence, `${best.where} (${name}) is in the jurisdiction of ${code}`],
      confidence: conf(0.85),
    };
  }
  if (g.subdivisionsOf(country).length > 0) {
    // Data README §2: a split country's residual subdivisions belong to its embassy.
    const embassy = g.embassyOf(country)!;
    return {
      missionCode: embassy,
      rule: 'place',
      evidence: [...evidence, `${name}, no subdivision named: the embassy ${embassy}`],
      confidence: conf(0.6),
    };
  }
  const covering = g.missionsCovering(country);
  if (covering.length === 0) {
    return {
      missionCode: HQ_DESK,
      rule: 'place',
      evidence: [...evidence, `${name} is covered by no mission (data README §1.1)`],
      confidence: conf(0.7),
    };
  }
  // YE is listed by both muscat and sanaa: the mission sitting in the country wins (README §1.2).
  const mission = covering.find((m) => m.countryIso2 === country) ?? covering[0];
  return {
    missionCode: mission.code,
    rule: 'place',
    evidence: [...evidence, `${name} is in the jurisdiction of ${mission.code}`],
    confidence: conf(0.8),
  };
}

/** How far before a place its words are read for NOT_HERE (characters). */
const BEFORE_CHARS = 40;
const BEFORE_WORDS = 4;

/**
 * The last BEFORE_WORDS words of the BEFORE_CHARS characters before a place (which starts a word
 * of `tokens`, the text's), as `tokenize(text.slice(start - 40, start)).slice(-4)` gives them: a
 * word cut by the window counts as the part inside it ("xdulu" cut to "dulu" counts). The words
 * wholly inside the window are the text's own words, so when there are four of them they are
 * taken from `tokens` (found by binary search) instead of tokenising the window again for every
 * place; with fewer, the window itself is tokenised (a word cut by it may be among the four).
 */
function wordsBefore(text: string, tokens: readonly Token[], start: number): readonly Token[] {
  const from = Math.max(0, start - BEFORE_CHARS);
  // The first word starting at or after `start`: the words before it end before the place.
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  const first = lo - BEFORE_WORDS;
  if (first >= 0 && tokens[first].start >= from) return tokens.slice(first, lo);
  return tokenize(text.slice(from, start)).slice(-BEFORE_WORDS);
}

function officeOf(g: Gazetteer, e: PlaceEntry): string | undefined {
  return (e.kind === 'country' ? undefined : e.missionCode) ?? g.embassyOf(e.country);
}

function isWeak(e: PlaceEntry): boolean {
  return e.kind === 'subdivision' && e.weak;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
