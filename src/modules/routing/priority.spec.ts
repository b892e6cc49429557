import { classifyPriority } from './rules/priority';
import { route } from './rules/route';

describe('classifyPriority', () => {
  it.each([
    ['Adik saya ditahan polisi di Abha', 'urgent'],
    ['ABK terlantar di pelabuhan, gaji tidak dibayar', 'urgent'],
    ['Anak saya disekap di gedung judi online', 'urgent'],
    ['Ibu saya lansia, 78 tahun, tidak bisa antre', 'high'],
    ['Ruang tunggu tidak ada akses kursi roda', 'high'],
    ['Antrian online tidak sinkron', 'normal'],
  ])('%s → %s', (text, expected) => {
    expect(classifyPriority('', text).priority).toBe(expected);
  });
});

describe('route() beyond the dev cases', () => {
  const to = (content: string, locationText: string | null = null) =>
    route({ title: '', content, locationText }).missionCode;

  it('applies side accreditations, YE and uncovered countries', () => {
    expect(to('Saya tinggal di Luxembourg, paspor hilang')).toBe('brussel');
    expect(to('WNI di Yaman butuh evakuasi')).toBe('sanaa');
    expect(to('Saya kerja di Costa Rica, paspor hampir habis')).toBe('hq-djpk');
  });

  it('sends ministry-only matters and texts without a place to the triage desk', () => {
    expect(to('Paspor diplomatik saya belum terbit', 'Tokyo')).toBe('hq-djpk');
    expect(to('Website error terus, tidak bisa daftar')).toBe('hq-djpk');
  });

  it('reads ambiguous names in their country (Georgia, Punjab) and ignores English "as"/"us"', () => {
    expect(to('I live in Tbilisi, Georgia')).toBe('kyiv');
    expect(to('I live in Savannah, Georgia')).toBe('houston');
    expect(to('Please help us as soon as possible, we are in Norway')).toBe('oslo');
  });
});
