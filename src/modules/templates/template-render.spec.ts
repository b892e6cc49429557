import {
  PLACEHOLDERS,
  formatLetterDate,
  placeholdersIn,
  renderTemplate,
  unknownPlaceholders,
} from './template-render';

describe('renderTemplate', () => {
  it('fills every known placeholder that has a value, wherever it appears', () => {
    const r = renderTemplate('Laporan {{trackingId}} ({{ trackingId }}) ditangani {{missionName}}.', {
      trackingId: 'TRK-1',
      missionName: 'KBRI Tokyo',
    });
    expect(r).toEqual({ text: 'Laporan TRK-1 (TRK-1) ditangani KBRI Tokyo.', unfilled: [] });
  });

  it('leaves unknown placeholders visible and lists them as unfilled', () => {
    const r = renderTemplate('Dear {{reporterName}}, re {{trackingId}}', { trackingId: 'TRK-1' });
    expect(r).toEqual({ text: 'Dear {{reporterName}}, re TRK-1', unfilled: ['reporterName'] });
  });

  it('leaves known placeholders without a value visible, once each in the list', () => {
    const r = renderTemplate('{{targetInstitution}} … {{targetInstitution}} {{trackingId}} {{title}}', {
      trackingId: null,
      title: '',
    });
    expect(r.text).toBe('{{targetInstitution}} … {{targetInstitution}} {{trackingId}} {{title}}');
    expect(r.unfilled).toEqual(['targetInstitution', 'trackingId', 'title']);
  });

  it('never expands placeholders inside a value (a title written with braces stays as written)', () => {
    const r = renderTemplate('"{{title}}" — {{missionName}}', {
      title: 'Paspor {{missionName}} $& $1',
      missionName: 'KJRI Osaka',
    });
    expect(r).toEqual({ text: '"Paspor {{missionName}} $& $1" — KJRI Osaka', unfilled: [] });
  });

  it('ignores values that are not placeholders (nothing can smuggle in another name)', () => {
    const values = { trackingId: 'T', reporterName: 'Budi' } as Record<string, string>;
    expect(renderTemplate('{{reporterName}}', values).text).toBe('{{reporterName}}');
  });

  it('leaves text without placeholders, and malformed braces, untouched', () => {
    expect(renderTemplate('Terima kasih. {{ }} {trackingId} {{1x}}', { trackingId: 'T' })).toEqual({
      text: 'Terima kasih. {{ }} {trackingId} {{1x}}',
      unfilled: [],
    });
  });
});

describe('placeholdersIn / unknownPlaceholders', () => {
  it('lists names once each in order of appearance', () => {
    expect(placeholdersIn('{{b}} {{a}} {{ b }}')).toEqual(['b', 'a']);
  });

  it('finds names outside the whitelist across several texts', () => {
    expect(unknownPlaceholders('{{trackingId}} {{nama}}', null, '{{nik}} {{nama}}', undefined)).toEqual([
      'nama',
      'nik',
    ]);
    expect(unknownPlaceholders(...PLACEHOLDERS.map((p) => `{{${p}}}`))).toEqual([]);
  });

  it('has no reporter data in the whitelist', () => {
    expect(PLACEHOLDERS.filter((p) => /reporter|name$|email|phone|nik/i.test(p))).toEqual(['missionName']);
  });
});

describe('formatLetterDate', () => {
  // 20:00 UTC on 4 March is already 5 March in Tokyo: the mission's calendar decides the date.
  const at = new Date('2026-03-04T20:00:00Z');

  it('writes the date as an Indonesian or English letter does, in the given zone', () => {
    expect(formatLetterDate(at, 'id', 'Asia/Tokyo')).toBe('5 Maret 2026');
    expect(formatLetterDate(at, 'en', 'Asia/Tokyo')).toBe('5 March 2026');
    expect(formatLetterDate(at, 'en', 'America/New_York')).toBe('4 March 2026');
  });
});
