import { Gazetteer } from './gazetteer/gazetteer';
import { loadMissions, loadSubdivisions } from './gazetteer/reference-data';
import { route } from './rules/route';

/**
 * Every office of the directory can be reached (issue 4, "Done when"): by a complaint naming its
 * city, by one naming each of its subdivision aliases, and by one naming the mission itself.
 */
describe('every mission can be reached', () => {
  const g = Gazetteer.default();
  const missions = loadMissions().filter((m) => m.type !== 'HQ');
  const subdivisions = loadSubdivisions();
  const where = (place: string) => ({
    title: 'Perpanjangan paspor',
    content: `Saya WNI yang tinggal di ${place}. Bagaimana cara memperpanjang paspor saya yang habis bulan depan?`,
  });

  it('by the city of each mission that has a jurisdiction (or where the data gives that city)', () => {
    // Data README §2: "the city of Ottawa is an alias of CA-ON, which belongs to toronto" — a
    // city that is another office's subdivision alias goes to that office.
    const ownerOfCity = (m: (typeof missions)[number]) =>
      subdivisions.find(
        (s) => s.countryIso2 === m.countryIso2 && [s.name, ...s.aliases].some((a) => a === m.city),
      )?.missionCode ?? m.code;
    const wrong = missions
      .filter((m) => m.jurisdiction.length > 0 && !/\(/.test(m.city))
      .map((m) => ({
        m: m.code,
        city: m.city,
        expected: ownerOfCity(m),
        got: route(where(m.city), g).missionCode,
      }))
      .filter((r) => r.got !== r.expected);
    expect(wrong).toEqual([]);
  });

  it('by each country only one office covers', () => {
    const wrong: string[] = [];
    for (const country of new Set(missions.flatMap((m) => m.jurisdiction))) {
      const covering = missions.filter((m) => m.jurisdiction.includes(country));
      if (covering.length !== 1 || subdivisions.some((s) => s.countryIso2 === country)) continue;
      const got = route(where(g.countryName(country)), g).missionCode;
      if (got !== covering[0].code) wrong.push(`${country} → ${got}, expected ${covering[0].code}`);
    }
    expect(wrong).toEqual([]);
  });

  it('by each subdivision alias, written in its country', () => {
    const wrong: string[] = [];
    for (const s of subdivisions) {
      for (const alias of [s.name, ...s.aliases]) {
        const got = route(where(`${alias}, ${g.countryName(s.countryIso2)}`), g).missionCode;
        if (got !== s.missionCode) wrong.push(`${s.code} "${alias}" → ${got}, expected ${s.missionCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('by the mission named as people write it', () => {
    const wrong = missions
      .map((m) => ({
        m: m.code,
        got: route({ title: `Pelayanan ${m.name}`, content: `Antrean di ${m.name} sangat lama.` }, g)
          .missionCode,
      }))
      .filter((r) => r.got !== r.m);
    expect(wrong).toEqual([]);
  });
});
