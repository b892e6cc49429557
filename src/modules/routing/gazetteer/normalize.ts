/**
 * Text normalisation for the gazetteer: accent- and case-insensitive, punctuation-blind, so that
 * "Québec", "QUEBEC" and "quebec" meet, and "Sana'a" / "Ta'if" lose their apostrophes ("sanaa").
 */

/** One word of the original text, with its place in it and its normalised form. */
export interface Token {
  /** Normalised form: NFKD, marks stripped, lower case, apostrophes removed. */
  norm: string;
  /** The word as written (used for evidence and for case-sensitive short codes like "AS", "UK"). */
  raw: string;
  start: number;
  end: number;
}

// Letters, marks and digits make words; apostrophes inside a word are dropped ("Ha'il" → "hail").
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’ʼ`][\p{L}\p{M}\p{N}]+)*/gu;
const MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’ʼ`]/g;
const PLAIN_ASCII = /^[A-Za-z0-9]+$/;

/** Folds one word: NFKD, strip combining marks, lower case, drop apostrophes. */
export function foldWord(word: string): string {
  // Most words are plain ASCII letters and digits, which NFKD leaves as they are: lower case only.
  if (PLAIN_ASCII.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(MARKS, '').replace(APOSTROPHES, '').toLowerCase();
}

/** Splits a text into words with their positions; punctuation and whitespace only separate. */
export function tokenize(text: string): Token[] {
  return tokenizeAscii(text) ?? tokenizeUnicode(text);
}

/** The general case: WORD over the text, each word folded. */
function tokenizeUnicode(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const norm = foldWord(m[0]);
    if (norm) out.push({ norm, raw: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * The same words as tokenizeUnicode for a text of ASCII only, found by scanning its characters:
 * twice as fast, and tokenising was the largest part of a decision (98% of the bench corpus's
 * texts are ASCII). In ASCII, WORD's letters, marks and digits are [A-Za-z0-9] (there are no
 * marks), its apostrophes ' and `, and foldWord is lower case without the apostrophes. Null at the
 * first non-ASCII character: that text takes the general path. Change WORD or foldWord, change
 * this too.
 */
function tokenizeAscii(text: string): Token[] | null {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return null;
    if (!isAsciiWordChar(c)) {
      i++;
      continue;
    }
    const start = i;
    let upper = false;
    let apostrophe = false;
    for (;;) {
      const d = i < n ? text.charCodeAt(i) : 0;
      if (isAsciiWordChar(d)) {
        if (d <= 0x5a && d >= 0x41) upper = true;
        i++;
      } else if ((d === 0x27 || d === 0x60) && i + 1 < n && isAsciiWordChar(text.charCodeAt(i + 1))) {
        // An apostrophe between two word characters joins them ("Ha'il" → "hail").
        apostrophe = true;
        i++;
      } else {
        // Any other character ends the word; a non-ASCII one is seen (and refused) by the outer loop.
        break;
      }
    }
    const raw = text.slice(start, i);
    const norm = apostrophe ? raw.replace(APOSTROPHES, '').toLowerCase() : upper ? raw.toLowerCase() : raw;
    out.push({ norm, raw, start, end: i });
  }
  return out;
}

/** [A-Za-z0-9]: WORD's letters and digits among ASCII characters. */
function isAsciiWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/** The normalised phrase of a text: folded words joined by one space ("Al-Hasa" → "al hasa"). */
export function normalize(text: string): string {
  return joinNorms(tokenize(text));
}

/** The normalised phrase of tokens: `normalize(a + ' ' + b)` is `joinNorms(tokenize(a), tokenize(b))`. */
export function joinNorms(...lists: readonly Token[][]): string {
  const words: string[] = [];
  for (const tokens of lists) for (const t of tokens) words.push(t.norm);
  return words.join(' ');
}

/**
 * Optimal-string-alignment Damerau–Levenshtein distance, stopping early once it exceeds `max`
 * (the gazetteer only asks "is it within 1?").
 */
export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, rows[i - 2][j - 2] + 1);
      }
      rows[i][j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
  }
  return rows[a.length][b.length];
}

/** Minimum word length for typo tolerance: shorter words collide with ordinary words too often. */
export const FUZZY_MIN_LENGTH = 5;

/** Every string obtained by deleting one character (SymSpell-style key for distance-1 look-ups). */
export function deletions(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return [...out];
}

/** True when `word` is a typo of `target` within one edit (both at least FUZZY_MIN_LENGTH long). */
export function isTypoOf(word: string, target: string): boolean {
  if (word.length < FUZZY_MIN_LENGTH || target.length < FUZZY_MIN_LENGTH) return false;
  return damerauLevenshtein(word, target, 1) <= 1;
}
