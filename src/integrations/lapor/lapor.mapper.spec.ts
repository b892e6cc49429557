import { LaporCodes } from './lapor-codes';
import { LaporMappingError } from './lapor.errors';
import {
  dispositionLogTime,
  mapComplaint,
  mapComplaintDetail,
  mapFollowUp,
  mapInstitution,
  mapItems,
  mapLog,
  mapTemplate,
} from './lapor.mapper';
import type { UpstreamLog } from './lapor.types';

const codes = LaporCodes.fromJson({
  statuses: [
    { code: 'process', name: 'Dalam Proses', meaning: 'in_process' },
    { code: 'done', name: 'Selesai', meaning: 'finished' },
  ],
  classifications: [{ id: '1', name: 'Pengaduan', classification: 'pengaduan' }],
  categories: [{ id: '610', name: 'Pelayanan Kekonsuleran' }],
});

/** A complaint as the sandbox (and LAPOR-API.md) sends it; override any field. */
function wire(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 2600001,
    complaint_id: 2600001,
    tracking_id: 7700001,
    title: 'Paspor belum jadi',
    content: 'Sudah tiga bulan menunggu di KJRI Jeddah.',
    classification_id: 1,
    classification_name: 'Pengaduan',
    category_id: 610,
    category_name: 'Pelayanan Kekonsuleran',
    location_id: 34,
    location_name: 'Nasional',
    date_of_incident: '20-11-2026',
    is_anonymous: false,
    is_secret: false,
    reporter: { name: 'Siti Contoh', email: 'siti@example.com', phone: '+62 812-0000-0001' },
    status_code: 'process',
    status_name: 'Dalam Proses',
    disposition_id: 1001,
    disposition_name: 'Kementerian Luar Negeri',
    dispositioned_at: '22-11-2026 09:00:00',
    created_at: '21-11-2026 08:00:00',
    updated_at: '23-11-2026 14:05:09',
    attachments: [{ id: 5, name: 'paspor.jpg', url: 'https://lapor.example/files/5' }],
    ...over,
  };
}

const map = (over: Record<string, unknown> = {}) => mapComplaint(wire(over), { codes });
const reasonOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(LaporMappingError);
    return (err as LaporMappingError).reason;
  }
  throw new Error('expected a LaporMappingError');
};

describe('LAPOR! mapper: complaint', () => {
  it('maps every field, ids as strings and times to UTC', () => {
    expect(map()).toEqual({
      laporId: '2600001',
      trackingId: '7700001',
      title: 'Paspor belum jadi',
      content: 'Sudah tiga bulan menunggu di KJRI Jeddah.',
      statusCode: 'process',
      statusName: 'Dalam Proses',
      statusMeaning: 'in_process',
      classificationId: '1',
      classificationName: 'Pengaduan',
      classification: 'pengaduan',
      categoryId: '610',
      categoryName: 'Pelayanan Kekonsuleran',
      locationId: '34',
      locationName: 'Nasional',
      dateOfIncident: '2026-11-20',
      isAnonymous: false,
      isSecret: false,
      reporter: { name: 'Siti Contoh', email: 'siti@example.com', phone: '+62 812-0000-0001' },
      dispositionId: '1001',
      dispositionName: 'Kementerian Luar Negeri',
      dispositionedAt: new Date('2026-11-22T02:00:00Z'),
      dispositionedAtSource: 'field',
      createdAt: new Date('2026-11-21T01:00:00Z'),
      updatedAt: new Date('2026-11-23T07:05:09Z'),
      attachments: [{ id: '5', name: 'paspor.jpg', url: 'https://lapor.example/files/5' }],
      unknownCodes: [],
    });
  });

  it('takes the id from id or complaint_id, and refuses them disagreeing or both missing', () => {
    expect(map({ id: undefined }).laporId).toBe('2600001');
    expect(map({ complaint_id: undefined, id: 'A-9' }).laporId).toBe('A-9');
    expect(reasonOf(() => map({ id: 1, complaint_id: 2 }))).toMatch(/^id: /);
    expect(reasonOf(() => map({ id: undefined, complaint_id: null }))).toMatch(/^complaint_id: /);
    expect(reasonOf(() => map({ id: { x: 1 } }))).toMatch(/^id: expected an id/);
  });

  it('turns empty strings into null, never into a default', () => {
    const c = map({
      tracking_id: '',
      location_id: '  ',
      location_name: '',
      date_of_incident: '',
      created_at: '',
    });
    expect(c).toMatchObject({
      trackingId: null,
      locationId: null,
      locationName: null,
      dateOfIncident: null,
      createdAt: null,
    });
  });

  it('drops the reporter of an anonymous complaint, whatever LAPOR! sent', () => {
    expect(map({ is_anonymous: 1 }).reporter).toBeNull();
    expect(map({ is_anonymous: '1', reporter: 'not even an object' }).reporter).toBeNull();
  });

  it('keeps a partial reporter with blanks as null, and an all-blank reporter as null', () => {
    expect(map({ reporter: { name: 'Budi', email: '', phone: null } }).reporter).toEqual({
      name: 'Budi',
      email: null,
      phone: null,
    });
    expect(map({ reporter: { name: '', email: '', phone: '' } }).reporter).toBeNull();
    expect(map({ reporter: null }).reporter).toBeNull();
    expect(reasonOf(() => map({ reporter: { name: 5 } }))).toMatch(/^reporter\.name: expected text/);
  });

  it('reads 0/1, "0"/"1" and booleans as flags, and requires them', () => {
    expect(map({ is_secret: 1 }).isSecret).toBe(true);
    expect(map({ is_secret: '0' }).isSecret).toBe(false);
    expect(reasonOf(() => map({ is_secret: undefined }))).toMatch(/^is_secret: expected a 0\/1 flag/);
    expect(reasonOf(() => map({ is_anonymous: 'ya' }))).toMatch(/^is_anonymous: /);
  });

  it('requires a parseable updated_at', () => {
    expect(reasonOf(() => map({ updated_at: undefined }))).toMatch(/^updated_at: /);
    expect(reasonOf(() => map({ updated_at: '' }))).toMatch(/^updated_at: /);
    expect(reasonOf(() => map({ updated_at: '2026-11-23 14:05:09' }))).toMatch(
      /^updated_at: expected d-m-Y H:i:s \(WIB\) or ISO-8601 with a zone, got "9999-99-99 99:99:99"$/,
    );
  });

  it('refuses a malformed optional time or date instead of guessing', () => {
    expect(reasonOf(() => map({ created_at: '31-02-2026 10:00:00' }))).toMatch(/^created_at: /);
    expect(reasonOf(() => map({ dispositioned_at: 'kemarin' }))).toMatch(/^dispositioned_at: /);
    expect(reasonOf(() => map({ date_of_incident: '2026/11/20' }))).toMatch(/^date_of_incident: /);
  });

  it('requires a title and content', () => {
    expect(reasonOf(() => map({ title: '' }))).toMatch(/^title: /);
    expect(reasonOf(() => map({ content: null }))).toMatch(/^content: /);
  });

  it('never quotes a value in a reason (it could be personal data)', () => {
    const reason = reasonOf(() => map({ updated_at: 'Siti 0812-0000-0001' }));
    expect(reason).not.toMatch(/Siti|0812/);
  });

  it('accepts only http(s) attachment URLs', () => {
    expect(map({ attachments: null }).attachments).toEqual([]);
    expect(reasonOf(() => map({ attachments: [{ id: 1, name: 'x', url: 'javascript:alert(1)' }] }))).toBe(
      'attachments[0].url: expected an http(s) URL',
    );
    expect(reasonOf(() => map({ attachments: [{ id: 1, url: 'https://x.example/a' }] }))).toMatch(
      /^attachments\[0\]\.name: /,
    );
    expect(reasonOf(() => map({ attachments: 'a.jpg' }))).toMatch(/^attachments: expected a list/);
  });

  describe('codes', () => {
    it('lists unknown status, classification and category codes and leaves their meaning null', () => {
      const c = map({
        status_code: '99',
        status_name: 'Status Baru',
        classification_id: 4,
        classification_name: 'WBS',
        category_id: 699,
        category_name: 'Lainnya',
      });
      expect(c.statusMeaning).toBeNull();
      expect(c.classification).toBeNull();
      expect(c.unknownCodes).toEqual([
        { field: 'status', code: '99', name: 'Status Baru' },
        { field: 'classification', code: '4', name: 'WBS' },
        { field: 'category', code: '699', name: 'Lainnya' },
      ]);
    });

    it('looks a status up by name when no code is sent', () => {
      const c = map({ status_code: null, status_name: 'Selesai' });
      expect(c.statusMeaning).toBe('finished');
      expect(c.unknownCodes).toEqual([]);
    });

    it('lists absent codes as unknown (null, null)', () => {
      const c = map({ status_code: undefined, status_name: undefined, category_id: '', category_name: '' });
      expect(c.unknownCodes).toEqual([
        { field: 'status', code: null, name: null },
        { field: 'category', code: null, name: null },
      ]);
    });
  });

  describe('disposition', () => {
    const logs = (entries: Partial<UpstreamLog>[]): UpstreamLog[] =>
      entries.map((e, i) => ({
        id: String(i + 1),
        statusName: null,
        description: null,
        createdAt: null,
        institutionFromName: null,
        institutionToName: null,
        ...e,
      }));
    const history = logs([
      { createdAt: new Date('2026-11-21T01:00:00Z'), description: 'Laporan diterima oleh SP4N-LAPOR!' },
      {
        createdAt: new Date('2026-11-21T05:00:00Z'),
        institutionToName: 'Kementerian Luar Negeri',
        description: 'Laporan didisposisikan ke Kementerian Luar Negeri',
      },
      {
        createdAt: new Date('2026-11-22T05:00:00Z'),
        institutionFromName: 'Kementerian Luar Negeri',
        institutionToName: 'Kementerian Luar Negeri',
        description: 'Status laporan diubah menjadi Selesai',
      },
    ]);

    it('"Belum Terdisposisi" means not dispositioned, even with an id', () => {
      for (const over of [
        { disposition_id: null, disposition_name: 'Belum Terdisposisi' },
        { disposition_id: 0, disposition_name: 'belum terdisposisi' },
        { disposition_id: null, disposition_name: null },
      ]) {
        expect(map({ ...over, dispositioned_at: null })).toMatchObject({
          dispositionId: null,
          dispositionName: null,
          dispositionedAt: null,
          dispositionedAtSource: null,
        });
      }
    });

    it('uses dispositioned_at first, even when logs say otherwise', () => {
      const c = mapComplaint(wire(), { codes, logs: history });
      expect(c.dispositionedAt).toEqual(new Date('2026-11-22T02:00:00Z'));
      expect(c.dispositionedAtSource).toBe('field');
    });

    it('falls back to the log entry that set the disposition (not a later status change)', () => {
      const c = mapComplaint(wire({ dispositioned_at: undefined }), { codes, logs: history });
      expect(c.dispositionedAt).toEqual(new Date('2026-11-21T05:00:00Z'));
      expect(c.dispositionedAtSource).toBe('log');
    });

    it('then to created_at', () => {
      const c = mapComplaint(wire({ dispositioned_at: null }), { codes, logs: [] });
      expect(c.dispositionedAt).toEqual(new Date('2026-11-21T01:00:00Z'));
      expect(c.dispositionedAtSource).toBe('created_at');
      const none = map({ dispositioned_at: null, created_at: null });
      expect(none.dispositionedAt).toBeNull();
      expect(none.dispositionedAtSource).toBeNull();
    });

    it('takes the latest move to the institution (dispositioned away and back)', () => {
      const moves = logs([
        { createdAt: new Date('2026-11-01T00:00:00Z'), institutionToName: 'Kementerian Luar Negeri' },
        {
          createdAt: new Date('2026-11-05T00:00:00Z'),
          institutionFromName: 'Kementerian Luar Negeri',
          institutionToName: 'Kementerian Sosial',
        },
        {
          createdAt: new Date('2026-11-09T00:00:00Z'),
          institutionFromName: 'Kementerian Sosial',
          institutionToName: 'kementerian luar negeri',
        },
      ]);
      expect(dispositionLogTime(moves, 'Kementerian Luar Negeri')).toEqual(new Date('2026-11-09T00:00:00Z'));
    });

    it('reads the description when logs carry no institution names', () => {
      const bare = logs([
        {
          createdAt: new Date('2026-11-03T00:00:00Z'),
          description: 'Laporan didisposisikan ke Kementerian Luar Negeri',
        },
      ]);
      expect(dispositionLogTime(bare, 'Kementerian Luar Negeri')).toEqual(new Date('2026-11-03T00:00:00Z'));
      expect(dispositionLogTime(bare, 'Kementerian Sosial')).toBeNull();
    });
  });
});

describe('LAPOR! mapper: detail, logs, follow-ups, masters', () => {
  const log = {
    id: 7,
    status_code: 'process',
    status_name: 'Dalam Proses',
    description: 'Laporan didisposisikan ke Kementerian Luar Negeri',
    institution_from_name: null,
    institution_to_name: 'Kementerian Luar Negeri',
    created_at: '21-11-2026 12:00:00',
  };

  it('maps a detail with its logs, using them for the disposition time', () => {
    const detail = mapComplaintDetail({ data: wire({ dispositioned_at: null }), data_logs: [log] }, codes);
    expect(detail.logs).toEqual([
      {
        id: '7',
        statusCode: 'process',
        statusName: 'Dalam Proses',
        description: 'Laporan didisposisikan ke Kementerian Luar Negeri',
        institutionFromName: null,
        institutionToName: 'Kementerian Luar Negeri',
        createdAt: new Date('2026-11-21T05:00:00Z'),
      },
    ]);
    expect(detail.complaint.dispositionedAt).toEqual(new Date('2026-11-21T05:00:00Z'));
    expect(detail.complaint.dispositionedAtSource).toBe('log');
  });

  it('fails a detail whose log is broken, naming the entry', () => {
    const err = (() => {
      try {
        mapComplaintDetail({ data: wire(), data_logs: [log, { ...log, created_at: 'x' }] }, codes);
      } catch (e) {
        return e as LaporMappingError;
      }
    })();
    expect(err).toBeInstanceOf(LaporMappingError);
    expect(err?.reason).toMatch(/^data_logs\[1\]\.created_at: /);
    expect(err?.laporId).toBe('2600001');
    expect(() => mapComplaintDetail({ data: wire(), data_logs: {} }, codes)).toThrow(
      /data_logs: expected a list/,
    );
    expect(() => mapComplaintDetail('nope', codes)).toThrow(LaporMappingError);
    expect(() => mapComplaintDetail({ data: wire(), data_logs: ['x'] }, codes)).toThrow(
      /data_logs\[0\]: expected a log object/,
    );
  });

  it('maps a log with everything optional', () => {
    expect(mapLog({})).toEqual({
      id: null,
      statusCode: null,
      statusName: null,
      description: null,
      institutionFromName: null,
      institutionToName: null,
      createdAt: null,
    });
  });

  const followUp = {
    id: 31,
    complaint_id: 2600001,
    content: 'Mohon kirim nomor paspor.',
    created_at: '2026-11-23T07:05:09Z',
    author_type: 'institution',
    institution_from_id: 1001,
    institution_from_name: 'Kementerian Luar Negeri',
    institution_to_id: null,
    institution_to_name: '',
    template_code: 'TL-MINTA-DATA',
    is_secret: 0,
    attachments: [],
  };

  it('maps a follow-up', () => {
    expect(mapFollowUp(followUp)).toEqual({
      laporFollowupId: '31',
      content: 'Mohon kirim nomor paspor.',
      createdAt: new Date('2026-11-23T07:05:09Z'),
      authorType: 'institution',
      institutionFromId: '1001',
      institutionFromName: 'Kementerian Luar Negeri',
      institutionToId: null,
      institutionToName: null,
      templateCode: 'TL-MINTA-DATA',
      isSecret: false,
      attachments: [],
    });
  });

  it('refuses a follow-up with an unknown author type or no time (never defaulted)', () => {
    expect(() => mapFollowUp({ ...followUp, author_type: 'bot' })).toThrow(/author_type: expected one of/);
    expect(() => mapFollowUp({ ...followUp, author_type: undefined })).toThrow(/author_type/);
    expect(() => mapFollowUp({ ...followUp, created_at: null })).toThrow(/created_at/);
    expect(mapFollowUp({ ...followUp, author_type: ' Reporter ' }).authorType).toBe('reporter');
  });

  it('maps masters', () => {
    expect(mapInstitution({ id: 1001, name: 'Kementerian Luar Negeri' })).toEqual({
      id: '1001',
      name: 'Kementerian Luar Negeri',
    });
    expect(mapTemplate({ template_code: 'TL-INFO', title: 'Info', type: 'followup', content: '' })).toEqual({
      templateCode: 'TL-INFO',
      title: 'Info',
      type: 'followup',
      content: null,
    });
    expect(() => mapInstitution({ id: 1 })).toThrow(/name/);
  });
});

describe('LAPOR! mapper: pages', () => {
  it('maps what it can; a broken item goes to rejected with its index, id and reason', () => {
    const page = mapItems(
      [
        wire(),
        wire({ id: 2600002, complaint_id: 2600002, updated_at: 'rusak' }),
        'not an object',
        wire({ id: 3, complaint_id: 3 }),
      ],
      'https://lapor.example/complaints/inbox?page=2',
      (item) => mapComplaint(item, { codes }),
    );
    expect(page.items.map((c) => c.laporId)).toEqual(['2600001', '3']);
    expect(page.rejected).toEqual([
      { index: 1, laporId: '2600002', reason: expect.stringMatching(/^updated_at: /) },
      { index: 2, laporId: null, reason: 'expected a complaint object' },
    ]);
    expect(page.nextPageUrl).toBe('https://lapor.example/complaints/inbox?page=2');
  });

  it('does not swallow programming errors', () => {
    expect(() =>
      mapItems([1], null, () => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });
});
