import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { configPath } from '../../../core/config/project-root';

/** One row of config/data/missions.csv (the columns routing needs). */
export interface MissionRecord {
  code: string;
  name: string;
  type: string;
  city: string;
  countryIso2: string;
  jurisdiction: string[];
}

/** One row of config/data/mission-subdivisions.csv. */
export interface SubdivisionRecord {
  countryIso2: string;
  code: string;
  name: string;
  aliases: string[];
  missionCode: string;
}

const list = (v: string | undefined): string[] =>
  (v ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, bom: true, trim: true });
}

export function loadMissions(path = configPath('data', 'missions.csv')): MissionRecord[] {
  return readCsv(path).map((r) => ({
    code: r.code,
    name: r.name,
    type: r.type,
    city: r.city,
    countryIso2: r.country_iso2,
    jurisdiction: list(r.jurisdiction_countries_iso2),
  }));
}

export function loadSubdivisions(path = configPath('data', 'mission-subdivisions.csv')): SubdivisionRecord[] {
  return readCsv(path).map((r) => ({
    countryIso2: r.country_iso2,
    code: r.subdivision_code,
    name: r.subdivision_name,
    aliases: list(r.aliases),
    missionCode: r.mission_code,
  }));
}
