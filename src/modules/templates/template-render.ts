/**
 * Placeholder filling for response templates: pure, no I/O. Templates write `{{name}}`; only the
 * names below exist. None of them is reporter data (UU 27/2022 on personal data protection: a
 * reply template never needs the reporter's name, contact or identity numbers), nor staff data.
 */
export const PLACEHOLDERS = [
  /** LAPOR!'s public tracking number, the one the reporter sees. */
  'trackingId',
  /** LAPOR!'s internal complaint id (internal notes only). */
  'laporId',
  /** The complaint's title as filed. */
  'title',
  'missionName',
  'missionCode',
  /** The date of the report on LAPOR!, in the mission's time zone and the template's language. */
  'receivedDate',
  /** Today's date, likewise. */
  'today',
  /** Not-our-authority forwards: the institution the handler names; never filled from a complaint. */
  'targetInstitution',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<Placeholder, string | null>>;

/** The workflow actions a template belongs to (SPEC.md "Handling workflow"). Stored — never rename. */
export const TEMPLATE_ACTIONS = [
  'acknowledge',
  'followup',
  'ask-reporter',
  'resolve',
  'reopen',
  'transfer',
  'escalate',
  'reject',
] as const;
export type TemplateAction = (typeof TEMPLATE_ACTIONS)[number];

export const TEMPLATE_LANGS = ['id', 'en'] as const;
export type TemplateLang = (typeof TEMPLATE_LANGS)[number];

/** `{{ name }}`: letters, digits and underscore, spaces inside the braces allowed. */
const PLACEHOLDER_RE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/** Every placeholder name in the text, once each, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER_RE), (m) => m[1]))];
}

/** Placeholder names in the texts that are not in PLACEHOLDERS (an admin's typo, or reporter data). */
export function unknownPlaceholders(...texts: (string | null | undefined)[]): string[] {
  return [...new Set(texts.flatMap((t) => (t ? placeholdersIn(t) : [])))].filter((n) => !isPlaceholder(n));
}

export interface RenderResult {
  text: string;
  /** Placeholders still in the text: unknown names, or known ones without a value. */
  unfilled: string[];
}

/**
 * Fills the known placeholders that have a non-empty value, in one pass (a value that itself
 * contains `{{…}}`, such as a complaint title, is never expanded again). Unknown and unfilled
 * placeholders stay visible as written, so a handler sees what is left to fill in.
 */
export function renderTemplate(text: string, values: PlaceholderValues): RenderResult {
  const unfilled = new Set<string>();
  const out = text.replace(PLACEHOLDER_RE, (whole, name: string) => {
    const value = isPlaceholder(name) ? values[name] : undefined;
    if (value === undefined || value === null || value === '') {
      unfilled.add(name);
      return whole;
    }
    return value;
  });
  return { text: out, unfilled: [...unfilled] };
}

/** A date as a letter writes it: "5 Maret 2026" (id) or "5 March 2026" (en), in the mission's zone. */
export function formatLetterDate(at: Date, lang: TemplateLang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(at);
}
