import { normalize } from '../gazetteer/normalize';
import { HQ_DESK, type RouteDecision } from './route.types';

/**
 * SPEC.md rule 3 and data README §1: matters only the ministry in Jakarta handles — diplomatic and
 * service (dinas) passports, protocol, diplomatic facilities, legalisation at the Kemenlu counter,
 * the central apps and hotline. Patterns run on normalised text (no accents, lower case).
 */
const HQ_MATTERS: { pattern: RegExp; why: string; desk?: string }[] = [
  { pattern: /\bpaspor (diplomatik|dinas)\b/, why: 'diplomatic/service passport', desk: 'hq-paspor-dinas' },
  {
    pattern: /\b(diplomatic|service|official) passports?\b/,
    why: 'diplomatic/service passport',
    desk: 'hq-paspor-dinas',
  },
  { pattern: /\bvisa (diplomatik|dinas)\b/, why: 'diplomatic/service visa', desk: 'hq-paspor-dinas' },
  {
    pattern: /\b(fasilitas|kekebalan|hak istimewa) diplomati[kc]\b/,
    why: 'diplomatic facilities',
    desk: 'hq-fasdip',
  },
  {
    pattern: /\bdiplomatic (facilities|privileges|immunit(y|ies))\b/,
    why: 'diplomatic facilities',
    desk: 'hq-fasdip',
  },
  { pattern: /\b(protokol|protocol)\b(?! (kesehatan|health|covid))/, why: 'protocol', desk: 'hq-protokol' },
  {
    pattern: /\blegali[sz]a(si|tion)\b.{0,40}\b(kemlu|kemenlu|kementerian luar negeri)\b/,
    why: 'legalisation at Kemenlu',
  },
  { pattern: /\b(kemlu|kemenlu)\b.{0,40}\blegali[sz]a(si|tion)\b/, why: 'legalisation at Kemenlu' },
  { pattern: /\b(hotline|call cent(er|re)|aplikasi|app) (kemlu|kemenlu)\b/, why: 'central app or hotline' },
  { pattern: /\bsafe travel\b/, why: 'central app (Safe Travel)' },
  { pattern: /\bkemlu go id\b/, why: 'central website' },
];
/**
 * Their alternation: it matches a text wherever one of them does. Most complaints are no such
 * matter and are told so in one scan instead of eleven (≈ 3× faster on the bench corpus); a text it
 * matches is read pattern by pattern, so the list's order still picks the evidence. (The patterns
 * have no flags and no numbered back-references, which the alternation would renumber.)
 */
const ANY_HQ_MATTER = new RegExp(HQ_MATTERS.map(({ pattern }) => `(?:${pattern.source})`).join('|'));

export function hqOnlyRule(title: string, content: string): RouteDecision | null {
  return hqOnlyMatter(normalize(`${title} ${content}`));
}

/** Rule 3 on the normalised title and content (RouteText.normalized). */
export function hqOnlyMatter(text: string): RouteDecision | null {
  if (!ANY_HQ_MATTER.test(text)) return null;
  for (const { pattern, why, desk } of HQ_MATTERS) {
    const m = pattern.exec(text);
    if (m) {
      return {
        missionCode: HQ_DESK,
        rule: 'hq-only',
        evidence: [`ministry-only matter (${why}): "${m[0]}"`],
        confidence: 0.9,
        ...(desk ? { desk } : {}),
      };
    }
  }
  return null;
}
