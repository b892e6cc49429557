import { readFileSync } from 'node:fs';
import { configPath } from '../../core/config/project-root';
import { Gazetteer } from './gazetteer/gazetteer';
import { route } from './rules/route';

interface Case {
  id: string;
  title: string;
  content: string;
  location_text: string | null;
  expected_mission: string;
}

const cases: Case[] = readFileSync(configPath('data', 'routing-cases.dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Case);

describe('route() over config/data/routing-cases.dev.jsonl', () => {
  const g = Gazetteer.default();
  const results = cases.map((c) => ({
    c,
    d: route({ title: c.title, content: c.content, locationText: c.location_text }, g),
  }));
  const failing = results.filter((r) => r.d.missionCode !== r.c.expected_mission);

  it('routes at least 95% of the labelled cases correctly', () => {
    const accuracy = (results.length - failing.length) / results.length;
    process.stdout.write(
      `routing accuracy ${(accuracy * 100).toFixed(1)}% (${results.length - failing.length}/${results.length})` +
        failing
          .map(
            (f) =>
              `\n  ${f.c.id}: expected ${f.c.expected_mission}, got ${f.d.missionCode} ${JSON.stringify(f.d.evidence)}`,
          )
          .join('') +
        '\n',
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('never misses an explicitly named mission', () => {
    const named = results.filter(
      (r) =>
        r.d.rule === 'mission-named' ||
        /\b(KBRI|KJRI|KRI|KDEI|PTRI)\s+\p{Lu}/u.test(`${r.c.title} ${r.c.content}`),
    );
    expect(named.filter((r) => r.d.missionCode !== r.c.expected_mission).map((r) => r.c.id)).toEqual([]);
  });
});
