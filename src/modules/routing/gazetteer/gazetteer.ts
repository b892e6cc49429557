import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import id from 'i18n-iso-countries/langs/id.json';
import { COUNTRY_ADDITIONS, MISSION_KEY_ADDITIONS, PLACE_ADDITIONS } from './additions';
import { deletions, FUZZY_MIN_LENGTH, isTypoOf, normalize, tokenize, type Token } from './normalize';
import { loadMissions, loadSubdivisions, type MissionRecord, type SubdivisionRecord } from './reference-data';

countries.registerLocale(id);
countries.registerLocale(en);

/** What a place name can mean. Subdivision and city aliases only mean something inside their country. */
export type PlaceEntry =
  | { kind: 'country'; country: string }
  | {
      kind: 'subdivision';
      country: string;
      subdivision: string;
      missionCode: string;
      /** A bare "Arlington" from "Arlington (Virginia)": counts only where its country is named too. */
      weak: boolean;
    }
  | { kind: 'city'; country: string; missionCode?: string };

/** A place found in a text: where, the words as written (evidence), and every reading of them. */
export interface PlaceMention {
  start: number;
  end: number;
  text: string;
  entries: PlaceEntry[];
  /** Matched within one typo ("Jeddha"), not exactly. */
  fuzzy: boolean;
}

/** A mission named in a text ("KJRI Toronto", "konsulat di Houston", "Kedutaan Besar RI di Tokyo"). */
export interface MissionMention {
  missionCode: string;
  start: number;
  end: number;
  text: string;
  /** Named as the office that is *not* responsible ("Aichi bukan wilayah KJRI Osaka"). */
  negated: boolean;
}

type PrefixKind = 'embassy' | 'consulate' | 'kri' | 'ptri' | 'kdei' | 'generic';

// The words people put before a mission's place: "KBRI", "kedubes", "konjen", "embassy", "perwakilan".
// A Map, not an object: it does not answer for "constructor" or "toString", and every word of every
// text is looked up here, which a Map does faster than an object's own-key test and property read.
const PREFIXES = new Map<string, PrefixKind>([
  ['kbri', 'embassy'],
  ['kedubes', 'embassy'],
  ['kedutaan', 'embassy'],
  ['embassy', 'embassy'],
  ['embassi', 'embassy'],
  ['kjri', 'consulate'],
  ['konjen', 'consulate'],
  ['konsulat', 'consulate'],
  ['consulate', 'consulate'],
  ['konsul', 'consulate'],
  ['kri', 'kri'],
  ['ptri', 'ptri'],
  ['kdei', 'kdei'],
  ['perwakilan', 'generic'],
]);
// Words that may sit between the prefix and the place: "Kedutaan Besar RI di Tokyo".
const FILLERS = new Set([
  'besar',
  'jenderal',
  'jendral',
  'general',
  'ri',
  'republik',
  'indonesia',
  'indonesian',
  'di',
  'in',
  'at',
  'of',
  'the',
  'kota',
  'city',
  'kami',
]);
// "Aichi bukan wilayah KJRI Osaka", "not KBRI Washington but": the named office is ruled out.
const NEGATIONS = new Set(['bukan', 'selain', 'instead', 'non', 'not']);
const TYPE_ORDER: Record<PrefixKind, string[]> = {
  embassy: ['KBRI', 'KJRI', 'KRI', 'KDEI', 'PTRI', 'HQ'],
  consulate: ['KJRI', 'KRI', 'KDEI', 'KBRI', 'PTRI', 'HQ'],
  kri: ['KRI', 'KJRI', 'KBRI', 'KDEI', 'PTRI', 'HQ'],
  ptri: ['PTRI', 'KBRI', 'KJRI', 'KRI', 'KDEI', 'HQ'],
  kdei: ['KDEI', 'KJRI', 'KBRI', 'KRI', 'PTRI', 'HQ'],
  generic: ['KJRI', 'KRI', 'KDEI', 'KBRI', 'PTRI', 'HQ'],
};
// Ordinary Indonesian/English words one typo away from a place ("sudah" ~ Sudan, "salah" ~ Sabah).
const FUZZY_STOPWORDS = new Set([
  'sudah',
  'salah',
  'sabar',
  'masih',
  'bulan',
  'tahun',
  'minta',
  'karena',
  'dengan',
  'sampai',
  'tanpa',
  'paspor',
  'pasport',
  'dikirim',
  'mohon',
  'tolong',
  'kerja',
  'korban',
  'berita',
  'papua',
  'jakarta',
  'bandung',
  'malang',
  'medan',
  'batam',
  'serang',
  'garut',
  'kediri',
  'tegal',
  'blitar',
  'madiun',
  'sambas',
  'mataram',
  'ambon',
  'padang',
  'manado',
]);
const MAX_PHRASE_WORDS = 6;
/** How many words' typo look-ups the gazetteer remembers (a complaint's vocabulary repeats a lot). */
const FUZZY_MEMO_SIZE = 50_000;

const PARENS = /\s*\(([^)]*)\)\s*/;

/**
 * The gazetteer: countries (ISO names in Indonesian and English, plus colloquial forms),
 * subdivisions and their aliases (config/data/mission-subdivisions.csv, each scoped to its
 * country), extra cities, and the missions as people name them. Pure: built once from the
 * reference data, then only read.
 */
export class Gazetteer {
  readonly missions = new Map<string, MissionRecord>();
  private readonly subdivisionsByCountry = new Map<string, SubdivisionRecord[]>();
  private readonly places = new Map<string, PlaceEntry[]>();
  private readonly fuzzyKeys = new Map<string, Set<string>>();
  private readonly missionKeys = new Map<string, Set<string>>();
  private readonly countryKeys = new Map<string, string>();
  /**
   * Every name and every start of a name that ends before one of its spaces ("kuala", "kuala
   * lumpur"): a phrase outside the set cannot begin a longer name, so the look-ups stop there.
   */
  private readonly placePrefixes = new Set<string>();
  private readonly missionPrefixes = new Set<string>();
  // Read-only look-ups remembered (the gazetteer never changes once built).
  private readonly fuzzyMemo = new Map<string, PlaceEntry[] | null>();
  private readonly embassies = new Map<string, string | undefined>();
  private readonly covering = new Map<string, MissionRecord[]>();

  constructor(missions: MissionRecord[], subdivisions: SubdivisionRecord[]) {
    for (const m of missions) this.missions.set(m.code, m);
    for (const s of subdivisions) {
      if (!this.missions.has(s.missionCode)) {
        throw new Error(
          `mission-subdivisions.csv: ${s.code} names unknown mission "${s.missionCode}"; fix the CSV`,
        );
      }
      const list = this.subdivisionsByCountry.get(s.countryIso2) ?? [];
      list.push(s);
      this.subdivisionsByCountry.set(s.countryIso2, list);
    }
    this.indexCountries();
    this.indexSubdivisions(subdivisions);
    this.indexCities(missions);
    this.indexMissionKeys(missions);
    addPrefixes(this.placePrefixes, this.places.keys());
    addPrefixes(this.missionPrefixes, this.missionKeys.keys());
    addPrefixes(this.missionPrefixes, this.countryKeys.keys());
  }

  /** The gazetteer over config/data (loaded once per process). */
  static default(): Gazetteer {
    return (defaultGazetteer ??= new Gazetteer(loadMissions(), loadSubdivisions()));
  }

  /** Subdivision rows of a country split between several missions (empty when not split). */
  subdivisionsOf(country: string): readonly SubdivisionRecord[] {
    return this.subdivisionsByCountry.get(country) ?? [];
  }

  countryName(country: string): string {
    return countries.getName(country, 'en') ?? country;
  }

  /** Missions named in the text, in order of appearance (`tokens`: the text's, when already at hand). */
  findMissionMentions(text: string, tokens: readonly Token[] = tokenize(text)): MissionMention[] {
    const out: MissionMention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const kind = PREFIXES.get(tokens[i].norm);
      if (!kind) continue;
      let j = i + 1;
      while (j < tokens.length && j - i <= 5 && FILLERS.has(tokens[j].norm)) j++;
      const hit = this.longestMissionKey(tokens, j, kind);
      if (!hit) continue;
      const before = tokens.slice(Math.max(0, i - 3), i).map((t) => t.norm);
      const end = tokens[hit.end - 1].end;
      out.push({
        missionCode: hit.missionCode,
        start: tokens[i].start,
        end,
        text: text.slice(tokens[i].start, end),
        negated: before.some((w) => NEGATIONS.has(w)),
      });
      i = hit.end - 1;
    }
    return out;
  }

  /**
   * Places named in the text, longest match first, with every reading of each (`tokens`: the
   * text's, when already at hand).
   */
  findPlaces(text: string, tokens: readonly Token[] = tokenize(text)): PlaceMention[] {
    const out: PlaceMention[] = [];
    const phrases: string[] = [];
    for (let i = 0; i < tokens.length;) {
      let matched = false;
      // The phrases of 1, 2, … words from here, as long as they can still begin a name (the
      // first `count` of `phrases`, which is reused rather than emptied for every word).
      const max = Math.min(MAX_PHRASE_WORDS, tokens.length - i);
      let count = 0;
      for (let n = 1; n <= max; n++) {
        const phrase = n === 1 ? tokens[i].norm : `${phrases[n - 2]} ${tokens[i + n - 1].norm}`;
        if (!this.placePrefixes.has(phrase)) break;
        phrases[count++] = phrase;
      }
      for (let n = count; n >= 1; n--) {
        const phrase = phrases[n - 1];
        const found = this.places.get(phrase);
        if (!found) continue;
        const words = tokens.slice(i, i + n);
        const entries = shortNameEntries(phrase, words, found);
        if (!entries) continue;
        const start = words[0].start;
        const end = words[n - 1].end;
        out.push({ start, end, text: text.slice(start, end), entries, fuzzy: false });
        i += n;
        matched = true;
        break;
      }
      if (matched) continue;
      const fuzzy = this.fuzzyPlace(tokens[i]);
      if (fuzzy)
        out.push({
          start: tokens[i].start,
          end: tokens[i].end,
          text: tokens[i].raw,
          entries: fuzzy,
          fuzzy: true,
        });
      i++;
    }
    return out;
  }

  private fuzzyPlace(t: Token): PlaceEntry[] | null {
    if (t.norm.length < FUZZY_MIN_LENGTH) return null;
    // The memo first: a word seen before (stop words included) costs one look-up. Words with digits
    // (dates, phone and passport numbers) are not remembered: they would crowd out the words.
    const known = this.fuzzyMemo.get(t.norm);
    if (known !== undefined) return known;
    if (/\d/.test(t.norm)) return null;
    const found = FUZZY_STOPWORDS.has(t.norm) ? null : this.typoOfOnePlace(t.norm);
    if (this.fuzzyMemo.size >= FUZZY_MEMO_SIZE) this.fuzzyMemo.clear();
    this.fuzzyMemo.set(t.norm, found);
    return found;
  }

  /** The readings of the one place name within a typo of the word; null when none or several. */
  private typoOfOnePlace(word: string): PlaceEntry[] | null {
    // SymSpell: the word and each of its one-letter deletions, looked up among the names' keys.
    let candidates: Set<string> | undefined;
    for (let i = -1; i < word.length; i++) {
      const names = this.fuzzyKeys.get(i < 0 ? word : word.slice(0, i) + word.slice(i + 1));
      if (names) for (const name of names) (candidates ??= new Set()).add(name);
    }
    if (!candidates) return null;
    let hit: string | undefined;
    for (const name of candidates) {
      if (!isTypoOf(word, name)) continue;
      if (hit !== undefined) return null; // several places one typo away: too ambiguous to guess
      hit = name;
    }
    return hit === undefined ? null : (this.places.get(hit) ?? null);
  }

  private longestMissionKey(
    tokens: readonly Token[],
    from: number,
    kind: PrefixKind,
  ): { missionCode: string; end: number } | null {
    const phrases: string[] = [];
    for (let n = 1; n <= Math.min(MAX_PHRASE_WORDS, tokens.length - from); n++) {
      const phrase = n === 1 ? tokens[from].norm : `${phrases[n - 2]} ${tokens[from + n - 1].norm}`;
      if (!this.missionPrefixes.has(phrase)) break;
      phrases.push(phrase);
    }
    for (let n = phrases.length; n >= 1; n--) {
      const phrase = phrases[n - 1];
      const codes = new Set(this.missionKeys.get(phrase) ?? []);
      const country = this.countryKeys.get(phrase);
      if (country && codes.size === 0) {
        const embassy = this.embassyOf(country);
        if (embassy) codes.add(embassy);
      }
      if (codes.size === 0) continue;
      const order = TYPE_ORDER[kind];
      const best = [...codes].sort(
        (a, b) => order.indexOf(this.missions.get(a)!.type) - order.indexOf(this.missions.get(b)!.type),
      )[0];
      return { missionCode: best, end: from + n };
    }
    return null;
  }

  /** The embassy of a country (the KBRI sitting there), else the mission whose jurisdiction lists it. */
  embassyOf(country: string): string | undefined {
    if (this.embassies.has(country)) return this.embassies.get(country);
    const all = [...this.missions.values()];
    const code =
      all.find((m) => m.type === 'KBRI' && m.countryIso2 === country && m.jurisdiction.includes(country))
        ?.code ??
      all.find((m) => m.countryIso2 === country && m.jurisdiction.includes(country))?.code ??
      all.find((m) => m.jurisdiction.includes(country))?.code;
    this.embassies.set(country, code);
    return code;
  }

  /** Every mission whose jurisdiction lists the country. */
  missionsCovering(country: string): readonly MissionRecord[] {
    let list = this.covering.get(country);
    if (!list) {
      list = [...this.missions.values()].filter((m) => m.jurisdiction.includes(country));
      this.covering.set(country, list);
    }
    return list;
  }

  private addPlace(name: string, entry: PlaceEntry): void {
    const phrase = normalize(name);
    if (!phrase) return;
    const list = this.places.get(phrase) ?? [];
    if (!list.some((e) => JSON.stringify(e) === JSON.stringify(entry))) list.push(entry);
    this.places.set(phrase, list);
    if (!phrase.includes(' ') && phrase.length >= FUZZY_MIN_LENGTH) {
      for (const key of [phrase, ...deletions(phrase)]) {
        const set = this.fuzzyKeys.get(key) ?? new Set<string>();
        set.add(phrase);
        this.fuzzyKeys.set(key, set);
      }
    }
  }

  private indexCountries(): void {
    const names = new Map<string, Set<string>>();
    const add = (iso2: string, name: string) => {
      const set = names.get(iso2) ?? new Set<string>();
      set.add(name);
      names.set(iso2, set);
    };
    for (const locale of ['id', 'en']) {
      for (const [iso2, list] of Object.entries(countries.getNames(locale, { select: 'all' }))) {
        for (const name of list) add(iso2, name);
      }
    }
    for (const [iso2, list] of Object.entries(COUNTRY_ADDITIONS)) for (const name of list) add(iso2, name);
    for (const [iso2, set] of names) {
      for (const name of set) {
        this.addPlace(name, { kind: 'country', country: iso2 });
        this.countryKeys.set(normalize(name), iso2);
      }
    }
  }

  private indexSubdivisions(rows: SubdivisionRecord[]): void {
    const weakOnes: { name: string; entry: PlaceEntry }[] = [];
    for (const s of rows) {
      const entry = (weak: boolean): PlaceEntry => ({
        kind: 'subdivision',
        country: s.countryIso2,
        subdivision: s.code,
        missionCode: s.missionCode,
        weak,
      });
      for (const alias of new Set([s.name, ...s.aliases])) {
        const qualified = PARENS.exec(alias);
        if (qualified) {
          // "Arlington (Virginia)": the full form "Arlington Virginia" is sure; the bare name needs
          // its country nearby.
          this.addPlace(alias.replace(PARENS, ' $1 '), entry(false));
          weakOnes.push({ name: alias.replace(PARENS, ' '), entry: entry(true) });
        } else {
          this.addPlace(alias, entry(false));
        }
      }
    }
    // A bare name another subdivision of the same country owns outright stays that one's
    // ("Frankfurt" is Frankfurt am Main, not Frankfurt (Oder); "Portland" is Oregon's).
    for (const { name, entry } of weakOnes) {
      const owned = (this.places.get(normalize(name)) ?? []).some(
        (e) => e.kind === 'subdivision' && !e.weak && e.country === entry.country,
      );
      if (!owned) this.addPlace(name, entry);
    }
  }

  private indexCities(missions: MissionRecord[]): void {
    for (const [iso2, list] of Object.entries(PLACE_ADDITIONS)) {
      for (const name of list) this.addPlace(name, { kind: 'city', country: iso2 });
    }
    // Data README §2.1: there is no plain MY-12 row; "Sabah" alone means KJRI Kota Kinabalu (4 of 5 divisions).
    this.addPlace('Sabah', { kind: 'city', country: 'MY', missionCode: 'kotakinabalu' });
    for (const m of missions) {
      if (m.type === 'HQ' || m.type === 'PTRI' || m.code === 'vatican') continue;
      const city = m.city.replace(PARENS, '').trim();
      const phrase = normalize(city);
      const known = (this.places.get(phrase) ?? []).some(
        (e) => e.kind === 'subdivision' && e.country === m.countryIso2,
      );
      if (known) continue; // the subdivision alias already says which mission (Ottawa → CA-ON)
      const split = this.subdivisionsOf(m.countryIso2).length > 0;
      this.addPlace(city, {
        kind: 'city',
        country: m.countryIso2,
        ...(split ? { missionCode: m.code } : {}),
      });
    }
  }

  private indexMissionKeys(missions: MissionRecord[]): void {
    const add = (code: string, name: string) => {
      const phrase = normalize(name);
      if (!phrase) return;
      const set = this.missionKeys.get(phrase) ?? new Set<string>();
      set.add(code);
      this.missionKeys.set(phrase, set);
    };
    for (const m of missions) {
      if (m.type === 'HQ') continue;
      if (m.code !== 'vatican') add(m.code, m.city.replace(PARENS, ''));
      add(m.code, m.name.replace(/^(KBRI|KJRI|KRI|PTRI|KDEI)\s+/, ''));
      add(m.code, m.code);
    }
    for (const [code, list] of Object.entries(MISSION_KEY_ADDITIONS)) {
      if (!this.missions.has(code)) throw new Error(`MISSION_KEY_ADDITIONS names unknown mission ${code}`);
      for (const name of list) add(code, name);
    }
  }
}

let defaultGazetteer: Gazetteer | undefined;

/** Adds each name, and each start of it that ends before one of its spaces, to the set. */
function addPrefixes(set: Set<string>, names: Iterable<string>): void {
  for (const name of names) {
    set.add(name);
    for (let i = name.indexOf(' '); i >= 0; i = name.indexOf(' ', i + 1)) set.add(name.slice(0, i));
  }
}

/**
 * Names of at most three letters ("AS", "UK", "KL", "Mie", "Goa", "Uji") are also ordinary words
 * ("mie" is noodles, "goa" a cave, "uji" a test). Written in capitals they count as codes; written
 * with a capital initial they count only as a subdivision of a country named nearby; else not at all.
 */
function shortNameEntries(phrase: string, words: Token[], entries: PlaceEntry[]): PlaceEntry[] | null {
  if (phrase.replace(/ /g, '').length > 3) return entries;
  if (words.every((w) => w.raw === w.raw.toUpperCase())) return entries;
  if (!words.every((w) => /^\p{Lu}/u.test(w.raw))) return null;
  const weak = entries.flatMap((e) => (e.kind === 'subdivision' ? [{ ...e, weak: true }] : []));
  return weak.length ? weak : null;
}
