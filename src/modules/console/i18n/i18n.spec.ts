import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DICTIONARIES, hasMessage, translator } from './index';

const CONSOLE_DIR = join(__dirname, '..');

/** Every key written literally as t('…') / it.t('…') in the console's views and controllers. */
function keysUsed(): { file: string; key: string }[] {
  const files = [
    ...readdirSync(join(CONSOLE_DIR, 'views')).map((f) => join(CONSOLE_DIR, 'views', f)),
    ...readdirSync(CONSOLE_DIR)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .map((f) => join(CONSOLE_DIR, f)),
  ];
  return files.flatMap((file) =>
    // A key closed by its quote (t('status.' + s) builds keys at run time: not checked here).
    [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*[\w])'\s*[,)]/g)].map((m) => ({
      file: file.slice(CONSOLE_DIR.length + 1),
      key: m[1],
    })),
  );
}

describe('console messages', () => {
  it('has every message in Bahasa Indonesia and in English, with the same {placeholders}', () => {
    const problems: string[] = [];
    for (const dict of DICTIONARIES) {
      for (const [key, m] of Object.entries(dict)) {
        if (!m.id.trim() || !m.en.trim()) problems.push(`${key}: empty`);
        const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
        if (vars(m.id).join() !== vars(m.en).join()) problems.push(`${key}: placeholders differ`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('defines each key once across the dictionaries', () => {
    const seen = new Map<string, number>();
    for (const dict of DICTIONARIES)
      for (const key of Object.keys(dict)) seen.set(key, (seen.get(key) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([k]) => k)).toEqual([]);
  });

  it('knows every key the views and controllers name', () => {
    const used = keysUsed();
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((u) => !hasMessage(u.key))).toEqual([]);
  });

  it('fills placeholders and shows an unknown key loudly instead of a blank', () => {
    expect(translator('en')('password.hint', { n: 10 })).toBe(
      'At least 10 characters. A long phrase is easier to remember.',
    );
    expect(translator('id')('no.such.key')).toBe('⟦no.such.key⟧');
  });
});
