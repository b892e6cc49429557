import type { MissionType } from './mission.entity';

/**
 * The region a mission reports under in the ministry's figures (SPEC.md "KPIs … grouped by mission,
 * region"): the ministry's own geographic split (the regional directorates of Ditjen Aspasaf and
 * Ditjen Amerop), by host country. Permanent missions to international organisations (PTRI) are
 * `Multilateral`; the ministry's desks in Jakarta are `Pusat`. Arab states of North Africa report
 * under Timur Tengah, as in the ministry's Middle East directorate.
 */
export const REGIONS = [
  'Asia Tenggara',
  'Asia Timur dan Pasifik',
  'Asia Selatan dan Tengah',
  'Timur Tengah',
  'Afrika',
  'Eropa',
  'Amerika',
  'Multilateral',
  'Pusat',
] as const;
export type Region = (typeof REGIONS)[number];

const BY_COUNTRY: Record<string, Region> = {};
const GROUPS: [Region, string][] = [
  ['Asia Tenggara', 'BN KH ID LA MM MY PH SG TH TL VN'],
  ['Asia Timur dan Pasifik', 'CN HK JP KP KR MN TW AU NZ FJ PG NC SB VU WS TO'],
  ['Asia Selatan dan Tengah', 'AF BD BT IN LK MV NP PK KZ KG TJ TM UZ'],
  ['Timur Tengah', 'AE BH IQ IR JO KW LB OM PS QA SA SY YE EG LY MA TN DZ SD'],
  ['Afrika', 'AO CM ET GH KE MG MZ NA NG SN TZ ZA ZW UG RW CI'],
  [
    'Eropa',
    'AL AM AT AZ BA BE BG BY CH CY CZ DE DK EE ES FI FR GB GE GR HR HU IE IS IT LT LU LV MD ME MK MT NL NO PL PT RO RS RU SE SI SK TR UA VA',
  ],
  ['Amerika', 'AR BO BR CA CL CO CR CU DO EC GT MX PA PE PY SR US UY VE JM TT'],
];
for (const [region, codes] of GROUPS) for (const c of codes.split(' ')) BY_COUNTRY[c] = region;

/** The region of an office; `Pusat` for Jakarta desks, `Multilateral` for PTRI, `Lainnya` if unknown. */
export function regionOf(m: { type: MissionType; countryIso2: string }): Region | 'Lainnya' {
  if (m.type === 'HQ') return 'Pusat';
  if (m.type === 'PTRI') return 'Multilateral';
  return BY_COUNTRY[m.countryIso2.toUpperCase()] ?? 'Lainnya';
}
