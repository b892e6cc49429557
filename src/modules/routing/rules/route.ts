import { Gazetteer } from '../gazetteer/gazetteer';
import { joinNorms, tokenize, type Token } from '../gazetteer/normalize';
import { hqOnlyMatter } from './hq-only.rule';
import { missionNamedRule } from './mission-named.rule';
import { placeRule } from './place.rule';
import { HQ_DESK, type RouteDecision, type RouteInput } from './route.types';

/**
 * A complaint's words, tokenised once and shared by every rule (and the priority classifier): the
 * title, the content and the location, each on first use, and the normalised phrase of the title
 * and content (what `normalize(`${title} ${content}`)` gives).
 */
export class RouteText {
  private titleTokens?: Token[];
  private contentTokens?: Token[];
  private locationTokens?: Token[];
  private phrase?: string;

  constructor(readonly input: RouteInput) {}

  get title(): Token[] {
    return (this.titleTokens ??= tokenize(this.input.title));
  }

  get content(): Token[] {
    return (this.contentTokens ??= tokenize(this.input.content));
  }

  get location(): Token[] {
    return (this.locationTokens ??= tokenize(this.input.locationText ?? ''));
  }

  /** The title and content as one normalised phrase (the patterns of rule 3 and of priority run on it). */
  get normalized(): string {
    return (this.phrase ??= joinNorms(this.title, this.content));
  }
}

/**
 * SPEC.md "Routing" precedence 2–5, pure: a named mission, then ministry-only matters, then the
 * place (country → subdivision → mission), else the triage desk with the reason. `text`: the
 * input's words when the caller has them tokenised already.
 */
export function route(
  input: RouteInput,
  g: Gazetteer = Gazetteer.default(),
  text: RouteText = new RouteText(input),
): RouteDecision {
  const titleMissions = g.findMissionMentions(input.title, text.title);
  const contentMissions = g.findMissionMentions(input.content, text.content);
  const place = () =>
    placeRule(g, [
      { label: 'location', text: input.locationText ?? '', weight: 1.5, skip: [], tokens: text.location },
      { label: 'title', text: input.title, weight: 1.2, skip: titleMissions, tokens: text.title },
      { label: 'content', text: input.content, weight: 1, skip: contentMissions, tokens: text.content },
    ]);
  // The place only decides between named missions (it weighs for the one it agrees with): with one
  // or none named, it is not needed unless no other rule applies.
  const named = new Set(
    [...titleMissions, ...contentMissions].filter((m) => !m.negated).map((m) => m.missionCode),
  );
  const placed = named.size > 1 ? place() : undefined;
  const chosen = missionNamedRule(titleMissions, contentMissions, placed?.missionCode ?? null);
  if (chosen) return chosen;
  const hq = hqOnlyMatter(text.normalized);
  if (hq) return hq;
  const found = placed === undefined ? place() : placed;
  if (found) return found;
  return {
    missionCode: HQ_DESK,
    rule: 'triage',
    evidence: ['no mission, ministry-only matter or place abroad found in the text or location'],
    confidence: 0,
  };
}
