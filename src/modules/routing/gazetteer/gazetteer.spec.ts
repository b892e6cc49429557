import { Gazetteer } from './gazetteer';
import { damerauLevenshtein, normalize } from './normalize';

describe('gazetteer', () => {
  const g = Gazetteer.default();
  const places = (t: string) => g.findPlaces(t).map((p) => p.text);
  const missions = (t: string) => g.findMissionMentions(t).map((m) => m.missionCode);

  it('normalises accents, case and punctuation', () => {
    expect(normalize("  QUÉBEC, Sana'a -- Al-Hasa ")).toBe('quebec sanaa al hasa');
    expect(damerauLevenshtein('jeddha', 'jeddah', 1)).toBe(1);
  });

  it('finds places with positions and the words as written', () => {
    expect(places('Saya operator di pabrik di Hsinchu Science Park.')).toEqual(['Hsinchu']);
    expect(places('Saya di Dammam, Arab Saudi')).toEqual(['Dammam', 'Arab Saudi']);
    expect(places('as instructed by us')).toEqual([]);
    expect(places('tinggal di AS')).toEqual(['AS']);
  });

  it('finds missions as people write them', () => {
    expect(missions('KJRI Toronto')).toEqual(['toronto']);
    // Words that are properties of every JavaScript object are not mission prefixes.
    expect(missions('constructor Tokyo, toString Osaka, __proto__ Seoul')).toEqual([]);
    expect(missions('ke KBRI di Kuala Lumpur dan KBRI KL')).toEqual(['kualalumpur', 'kualalumpur']);
    expect(missions('konjen Houston, konsulat di Houston')).toEqual(['houston', 'houston']);
    expect(missions('Kedutaan Besar RI di Tokyo, kedubes Jepang')).toEqual(['tokyo', 'tokyo']);
    expect(missions('KRI Tawau, PTRI Jenewa, KDEI Taipei, KJRI LA')).toEqual([
      'tawau',
      'jenewa',
      'taipei',
      'losangeles',
    ]);
    expect(g.findMissionMentions('Aichi bukan wilayah KJRI Osaka')[0].negated).toBe(true);
  });
});
