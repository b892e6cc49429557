import { COMMON } from './common';
import { COMPLAINTS } from './complaints';
import { MINISTRY } from './ministry';
import { NOTIFICATIONS } from './notifications';

/** The console's languages: Bahasa Indonesia first (the default), English on the switch. */
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** One message in both languages, side by side so neither is forgotten. */
export type Messages = Record<string, { id: string; en: string }>;

/**
 * Every message of the console, by key. Each area keeps its own file (common.ts, inbox.ts, …);
 * a key defined twice is a mistake the unit test finds.
 */
export const DICTIONARIES: Messages[] = [COMMON, COMPLAINTS, MINISTRY, NOTIFICATIONS];

const ALL: Messages = Object.assign({}, ...DICTIONARIES) as Messages;

export function isLocale(v: unknown): v is Locale {
  return v === 'id' || v === 'en';
}

/** A translator: t('key') or t('key', { n: 3 }) fills {n}. An unknown key shows itself, loudly. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  return (key, vars) => {
    const m = ALL[key];
    let s = m ? m[locale] : `⟦${key}⟧`;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
    return s;
  };
}

export function hasMessage(key: string): boolean {
  return Object.hasOwn(ALL, key);
}
