import { LaporCodes, LaporCodesError, laporCodes, type LaporCodesFile } from './lapor-codes';

const file = (over: Partial<LaporCodesFile> = {}): LaporCodesFile => ({
  statuses: [
    { code: 'process', name: 'Dalam Proses', meaning: 'in_process' },
    { code: 'done', name: 'Selesai', meaning: 'finished' },
  ],
  classifications: [{ id: '1', name: 'Pengaduan', classification: 'pengaduan' }],
  categories: [{ id: 610, name: 'Pelayanan Kekonsuleran' }],
  ...over,
});

describe('LAPOR! codes', () => {
  const codes = LaporCodes.fromJson(file());

  it('finds a status by code', () => {
    expect(codes.status('done', null)).toEqual({ known: true, value: 'finished' });
    expect(codes.status('done', 'Selesai')).toEqual({ known: true, value: 'finished' });
  });

  it('finds a status by name only when no code is sent (case and spaces ignored)', () => {
    expect(codes.status(null, '  dalam   PROSES ')).toEqual({ known: true, value: 'in_process' });
  });

  it('reports an unknown code as UnknownCode, even when its name is known (the code wins)', () => {
    expect(codes.status('99', 'Selesai')).toEqual({
      known: false,
      unknown: { field: 'status', code: '99', name: 'Selesai' },
    });
    expect(codes.status(null, 'Status Baru')).toEqual({
      known: false,
      unknown: { field: 'status', code: null, name: 'Status Baru' },
    });
  });

  it('reports absent code and name as unknown, never a default', () => {
    expect(codes.status(null, null)).toEqual({
      known: false,
      unknown: { field: 'status', code: null, name: null },
    });
    expect(codes.classification(null, null).known).toBe(false);
    expect(codes.category(null, null).known).toBe(false);
  });

  it('maps classifications to the internal classification and knows categories (numeric ids as strings)', () => {
    expect(codes.classification('1', 'Pengaduan')).toEqual({ known: true, value: 'pengaduan' });
    expect(codes.classification(null, 'pengaduan')).toEqual({ known: true, value: 'pengaduan' });
    expect(codes.classification('4', 'WBS')).toEqual({
      known: false,
      unknown: { field: 'classification', code: '4', name: 'WBS' },
    });
    expect(codes.category('610', null)).toEqual({ known: true, value: true });
    expect(codes.category('699', 'Lainnya')).toEqual({
      known: false,
      unknown: { field: 'category', code: '699', name: 'Lainnya' },
    });
  });

  it('refuses a broken file, saying where', () => {
    const bad = { ...file(), statuses: [{ code: 'x', name: 'X', meaning: 'maybe' }] };
    expect(() => LaporCodes.fromJson(bad, 'codes.json')).toThrow(LaporCodesError);
    expect(() => LaporCodes.fromJson(bad, 'codes.json')).toThrow(/statuses\.0\.meaning/);
    expect(() => LaporCodes.fromJson({ statuses: [] }, 'codes.json')).toThrow(/classifications/);
    expect(() => LaporCodes.fromJson(null)).toThrow(LaporCodesError);
  });

  it('refuses duplicate codes or names', () => {
    const dup = file({
      statuses: [
        { code: 'done', name: 'Selesai', meaning: 'finished' },
        { code: 'done', name: 'Tuntas', meaning: 'finished' },
        { code: 'ok', name: 'selesai', meaning: 'finished' },
      ],
    });
    expect(() => LaporCodes.fromJson(dup)).toThrow(
      /code "done" is listed twice[\s\S]*name "selesai" is listed twice/,
    );
  });

  it('refuses an unknown key inside an entry (a typo must not pass silently)', () => {
    const typo = file({
      categories: [{ id: '1', name: 'A', meanig: 'x' } as unknown as { id: string; name: string }],
    });
    expect(() => LaporCodes.fromJson(typo)).toThrow(/categories\.0/);
  });

  it('loads config/lapor-codes.json once, and it is valid', () => {
    const loaded = laporCodes();
    expect(laporCodes()).toBe(loaded);
    expect(loaded.status('unverified', 'Belum Terverifikasi')).toEqual({ known: true, value: 'unverified' });
    expect(loaded.status('rejected', null)).toEqual({ known: true, value: 'rejected' });
    expect(loaded.classification('3', null)).toEqual({ known: true, value: 'permintaan_informasi' });
    expect(loaded.category('614', null).known).toBe(true);
  });

  it('reports a missing file with its path', () => {
    expect(() => LaporCodes.fromFile('/nonexistent/lapor-codes.json')).toThrow(
      /\/nonexistent\/lapor-codes\.json/,
    );
  });
});
