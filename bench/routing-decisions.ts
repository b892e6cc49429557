import countries from 'i18n-iso-countries';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { configPath } from '../src/core/config/project-root';
import { Gazetteer } from '../src/modules/routing/gazetteer/gazetteer';
import { loadMissions, loadSubdivisions } from '../src/modules/routing/gazetteer/reference-data';
import { decide, type RouterDirectory, type RouterInput } from '../src/modules/routing/router';
import { classifyPriority } from '../src/modules/routing/rules/priority';
import { BENCH_INSTITUTIONS } from './bench-database';

/*
 * Routing decisions per second (SPEC.md "Performance targets": ≥ 20,000/s): the pure router
 * (src/modules/routing/router.ts `decide`, the gazetteer of config/data) over a varied corpus, on
 * one core, after a warm-up. No database, no queue: what the routing transaction spends deciding.
 */

interface DevCase {
  title: string;
  content: string;
  location_text: string | null;
}

/** Deterministic pseudo-random numbers (mulberry32): the same corpus on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// What people write around the place or the office (Indonesian and English, LAPOR! style).
const OPENERS = [
  'Selamat siang admin.',
  'Yth. Bapak/Ibu petugas,',
  'Assalamualaikum, mohon izin melapor.',
  'Dear Sir or Madam,',
  'Saya WNI yang sudah empat tahun bekerja sebagai perawat.',
  'Kami sekeluarga tinggal di luar negeri sejak 2019.',
];
const MATTERS = [
  'Perpanjangan paspor saya sudah tiga minggu belum selesai, padahal dijanjikan lima hari kerja.',
  'Saya sudah menelepon dan mengirim surel dua kali tanpa jawaban dari bagian konsuler.',
  'Lapor diri di portal Peduli WNI selalu ditolak tanpa keterangan.',
  'The consular section has not replied to my emails about a passport renewal for six weeks.',
  'Pengurusan surat keterangan kelahiran anak kami tidak ada kabar sejak bulan lalu.',
  'Majikan menahan paspor saya dan gaji belum dibayar selama empat bulan.',
  'My visa expires next month and the employer needs the new passport for the extension.',
  'Antrean layanan sangat panjang dan nomor antrean online tidak pernah tersedia.',
  'Ibu saya berusia 78 tahun dan tidak bisa datang sendiri ke kantor perwakilan.',
  'Suami saya ditahan polisi setempat dan kami tidak tahu harus ke mana.',
  'Mohon bantuan dan kepastian waktunya, terima kasih.',
];
// Matters only the ministry handles (rule 3): rarer.
const HQ_MATTERS = [
  'Legalisasi dokumen di Kemenlu untuk keperluan kerja belum selesai.',
  'Saya butuh paspor dinas untuk tugas kantor tetapi belum ada kabar.',
  'Aplikasi Safe Travel tidak bisa dipakai untuk lapor diri.',
];
const MISSION_PREFIXES = [
  'KBRI',
  'KJRI',
  'Konsulat di',
  'Kedutaan Besar RI di',
  'embassy in',
  'perwakilan RI di',
];
const PLACE_FRAMES = [
  (p: string) => `Saya tinggal di ${p}.`,
  (p: string) => `I live and work in ${p}.`,
  (p: string) => `Kami berada di ${p} sejak tahun lalu.`,
  (p: string) => `dulu tinggal di ${p}, sekarang pindah.`,
  (p: string) => `Lokasi saya sekarang: ${p}.`,
];

/** One typo (two neighbouring letters swapped): the gazetteer's fuzzy matching gets work too. */
function typo(word: string, r: () => number): string {
  if (word.length < 6) return word;
  const i = 1 + Math.floor(r() * (word.length - 3));
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

/**
 * The labelled dev cases (config/data/routing-cases.dev.jsonl) as they are, then generated variants:
 * named missions of every city, country names in Indonesian and English, subdivisions and their
 * aliases, typos, headquarters-only matters, long multi-paragraph contents, a structured location
 * or none, and a few LAPOR! dispositions to a mapped mission (rule 1).
 */
export function routingCorpus(size: number, seed = 4): RouterInput[] {
  const r = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)];
  const dev = readFileSync(configPath('data', 'routing-cases.dev.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevCase);
  const missions = loadMissions().filter((m) => m.type !== 'HQ');
  const subdivisions = loadSubdivisions();
  const countryNames = [...new Set(missions.flatMap((m) => m.jurisdiction))].flatMap((iso2) =>
    ['id', 'en'].map((l) => countries.getName(iso2, l) ?? iso2),
  );
  const subdivisionNames = subdivisions.flatMap((s) => [s.name, ...s.aliases]);
  const institutions = Object.keys(BENCH_INSTITUTIONS);

  const out: RouterInput[] = dev.map((c) => ({
    dispositionId: null,
    title: c.title,
    content: c.content,
    locationName: c.location_text,
  }));
  while (out.length < size) {
    const c = pick(dev);
    const kind = r();
    const sentences = [pick(OPENERS), pick(MATTERS)];
    let title = pick(MATTERS).slice(0, 60);
    let locationName: string | null = null;
    if (kind < 0.25) {
      // A mission named in the title or the text.
      const m = pick(missions);
      const named = `${pick(MISSION_PREFIXES)} ${r() < 0.5 ? m.city : m.name.replace(/^\S+\s+/, '')}`;
      if (r() < 0.5) title = `Layanan ${named} lambat`;
      else sentences.push(`Saya sudah datang ke ${named} dua kali.`);
    } else if (kind < 0.5) {
      // A country, in Indonesian or English, sometimes with a typo.
      const name = pick(countryNames);
      sentences.push(pick(PLACE_FRAMES)(r() < 0.1 ? typo(name, r) : name));
    } else if (kind < 0.75) {
      // A subdivision or city alias, often with its country.
      const s = pick(subdivisions);
      const alias = pick([s.name, ...s.aliases]);
      const country = countries.getName(s.countryIso2, r() < 0.5 ? 'id' : 'en') ?? '';
      sentences.push(pick(PLACE_FRAMES)(r() < 0.6 ? `${alias}, ${country}` : alias));
      if (r() < 0.3) locationName = pick(subdivisionNames);
    } else if (kind < 0.85) {
      // A dev case with a structured location of another case (conflicting evidence).
      title = c.title;
      sentences.push(c.content);
      locationName = pick(dev).location_text;
    }
    // else: no place at all (the triage desk).
    if (r() < 0.08) sentences.push(pick(HQ_MATTERS));
    if (r() < 0.3) {
      // Long contents: several paragraphs.
      const extra = 3 + Math.floor(r() * 8);
      for (let k = 0; k < extra; k++) sentences.push(r() < 0.4 ? pick(dev).content : pick(MATTERS));
    }
    if (r() < 0.3) locationName ??= pick(['Luar Negeri', pick(countryNames), pick(subdivisionNames)]);
    const dispositionId = r() < 0.05 ? pick(institutions) : r() < 0.5 ? '1001' : null;
    out.push({ dispositionId, title, content: sentences.join(' '), locationName });
  }
  return out;
}

/** The directory the bench database has: the bench missions mapped to LAPOR! institution ids. */
export function benchDirectory(): RouterDirectory {
  return {
    missionByInstitutionId: new Map(Object.entries(BENCH_INSTITUTIONS)),
    gazetteer: Gazetteer.default(),
  };
}

export interface DecisionsResult {
  decisions: number;
  seconds: number;
  perSecond: number;
  /** CPU time of this process over the measured seconds, in cores (below ~0.95: the core was shared). */
  cores: number;
  corpus: number;
  meanChars: number;
  /** Share of each rule over the corpus (disposition, mission-named, hq-only, place, triage). */
  rules: Record<string, number>;
  /** sha256 of every decision (and priority) over the corpus: changes when behaviour changes. */
  digest: string;
}

/** Every decision of the corpus, with the priority the routing transaction records. */
export function decisionsOf(corpus: RouterInput[], dir = benchDirectory()) {
  return corpus.map((input) => ({
    ...decide(input, dir),
    priority: classifyPriority(input.title, input.content),
  }));
}

/** Decisions per second of `decide()` on this thread, over `seconds` after `warmUpSeconds`. */
export function measureDecisions(opts: {
  seconds: number;
  warmUpSeconds: number;
  corpusSize: number;
}): DecisionsResult {
  const corpus = routingCorpus(opts.corpusSize);
  const dir = benchDirectory();
  const all = decisionsOf(corpus, dir);
  const rules: Record<string, number> = {};
  for (const d of all) rules[d.rule] = (rules[d.rule] ?? 0) + 1 / corpus.length;
  const digest = createHash('sha256').update(JSON.stringify(all)).digest('hex');
  let sink = 0;
  const run = (seconds: number) => {
    const started = performance.now();
    const until = started + seconds * 1000;
    let n = 0;
    let i = 0;
    for (;;) {
      // The clock is read once per 64 decisions: its cost stays out of the figure.
      for (let k = 0; k < 64; k++) {
        sink += decide(corpus[i], dir).confidence;
        i = i + 1 === corpus.length ? 0 : i + 1;
      }
      n += 64;
      const now = performance.now();
      if (now >= until) return { n, seconds: (now - started) / 1000 };
    }
  };
  run(opts.warmUpSeconds);
  const cpu = process.cpuUsage();
  const { n, seconds } = run(opts.seconds);
  const used = process.cpuUsage(cpu);
  if (!Number.isFinite(sink)) throw new Error('unreachable');
  return {
    decisions: n,
    seconds,
    perSecond: n / seconds,
    cores: (used.user + used.system) / 1e6 / seconds,
    corpus: corpus.length,
    meanChars:
      corpus.reduce((a, c) => a + c.title.length + c.content.length + (c.locationName?.length ?? 0), 0) /
      corpus.length,
    rules,
    digest,
  };
}

/*
 * `node -r ts-node/register/transpile-only bench/routing-decisions.ts [out.json]`: the decisions of
 * the corpus, written to a file, to compare the router's behaviour before and after a change.
 */
/** Inputs at the edges of the tokeniser and the rules (the file written below has them too). */
function edgeCases(): RouterInput[] {
  const texts = [
    '',
    ' ',
    "Ha'il, Sana'a, Ta’if and Al-Hasa",
    'QUÉBEC québec Québec',
    'ﷺ Jeddah ﬁ Riyadh ² ª µ',
    '😀 KBRI 😀 Tokyo \ud800 Osaka \udc00',
    'constructor Tokyo, toString Jepang, constructor KBRI Seoul',
    'Aichi bukan wilayah KJRI Osaka, tetapi KJRI Osaka dan KBRI Tokyo',
    'KBRI KL, KJRI LA, tinggal di AS, mie goa uji, Mie, GOA, Uji',
    'Jeddha Riyad Dammam Jedah Kuala Lumpur Lumpur Kuala',
    'as instructed by us, in Georgia and Punjab',
    'kedutaan besar republik indonesia di kota tokyo the city of osaka',
  ];
  const out: RouterInput[] = [];
  for (const t of texts) {
    out.push({ dispositionId: null, title: t, content: t, locationName: t });
    out.push({ dispositionId: null, title: '', content: t, locationName: null });
  }
  // A past-tense word cut at every place by the 40-character window before a place name.
  for (let k = 0; k < 50; k++) {
    for (const w of ['dulu', 'xdulu', 'katanya', 'dijanjikan', "Ha'il"]) {
      const content = `${'a'.repeat(k)} ${w} ${'b '.repeat(k % 7)}tinggal di Kyoto, Jepang`;
      out.push({ dispositionId: null, title: '', content, locationName: null });
    }
  }
  return out;
}

if (require.main === module) {
  const corpus = [...edgeCases(), ...routingCorpus(Number(process.env.BENCH_CORPUS ?? 20_000))];
  const file = process.argv[2] ?? 'routing-decisions.jsonl';
  const all = decisionsOf(corpus);
  writeFileSync(file, all.map((d, i) => JSON.stringify({ input: corpus[i], ...d })).join('\n') + '\n');
  process.stdout.write(
    `${all.length} decisions written to ${file}; sha256 ${createHash('sha256').update(JSON.stringify(all)).digest('hex')}\n`,
  );
}
