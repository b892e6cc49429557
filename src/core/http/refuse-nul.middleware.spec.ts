import { nulPath } from './refuse-nul.middleware';

describe('nulPath', () => {
  it('names the field, nested or in an array, that holds U+0000', () => {
    expect(nulPath({ reason: 'ok', note: 'a\u0000b' })).toBe('note');
    expect(nulPath({ a: { b: ['x', 'y\u0000'] } })).toBe('a.b.1');
    expect(nulPath({ ['k\u0000']: 1 })).toBe('k');
    expect(nulPath('\u0000')).toBe('body');
  });

  it('finds nothing in clean bodies, numbers, nulls and empty values', () => {
    expect(nulPath({ a: 1, b: null, c: [true, 'teks'], d: {} })).toBeNull();
    expect(nulPath(undefined)).toBeNull();
  });

  it('walks nesting far deeper than the call stack would allow', () => {
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(nulPath(deep)).toMatch(/^0(\.0)+$/);
  });
});
