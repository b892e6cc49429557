/** What the router reads: the complaint's words and the structured location, if any. */
export interface RouteInput {
  title: string;
  content: string;
  locationText?: string | null;
}

/** SPEC.md "Routing" rules 2–5 (rule 1, the LAPOR! disposition, lives in router.ts). */
export type RouteRule = 'mission-named' | 'hq-only' | 'place' | 'triage';

/** The office and why: shown to the handler ("why did this come to us?"). */
export interface RouteDecision {
  missionCode: string;
  rule: RouteRule;
  evidence: string[];
  /** 0 … 1: how sure the rule is (1 = explicit, 0 = nothing found). */
  confidence: number;
  /**
   * For headquarters-only matters: the ministry desk inside `hq-djpk` that handles it
   * (`hq-paspor-dinas`, `hq-protokol`, `hq-fasdip`); absent when DJPK itself handles it.
   */
  desk?: string;
}

/** The ministry's triage desk (data README §1: no location, HQ-only matters, uncovered countries). */
export const HQ_DESK = 'hq-djpk';
