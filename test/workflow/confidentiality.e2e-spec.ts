import Redis from 'ioredis';
import request, { type Response } from 'supertest';
import type { Role } from '../../src/modules/auth/role';
import { SANDBOX_WEBHOOK_SECRET } from '../../src/sandbox/sandbox.defaults';
import { event, signedWebhook, wireComplaint } from '../helpers/lapor-wire';
import { TEST_REDIS_URL } from '../helpers/test-env';
import { waitFor } from '../helpers/wait-for';
import { intakeQueries } from '../intake/poller.helper';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from './workflow.helper';

/**
 * SPEC.md "Handling workflow" (confidentiality) and "Reliability and security promises": for anonymous
 * complaints no role sees the reporter; for secret ones only the assigned mission's handlers and
 * supervisors do, each read audited; ordinary complaints show the reporter to whoever sees the
 * complaint. Asserted on the raw text of every route that returns a complaint, for every role, so a
 * reporter copied into any field (a list, an export, a timeline payload, an audit entry) is caught.
 */

type Variant = 'ordinary' | 'anonymous' | 'secret' | 'anonymousSecret';
type Caller = 'handler' | 'supervisor' | 'foreign' | 'monitor' | 'admin';
type Field = 'name' | 'email' | 'phone';
interface Reporter {
  name: string;
  email: string;
  phone: string;
}

const VARIANTS: Variant[] = ['ordinary', 'anonymous', 'secret', 'anonymousSecret'];
const CALLERS: Caller[] = ['handler', 'supervisor', 'foreign', 'monitor', 'admin'];
const FIELDS: Field[] = ['name', 'email', 'phone'];
/** The complaints go to KJRI Osaka; the "foreign" handler is KBRI Tokyo's. */
const AS: Record<Caller, [Role, string?]> = {
  handler: ['handler', 'osaka'],
  supervisor: ['supervisor', 'osaka'],
  foreign: ['handler', 'tokyo'],
  monitor: ['monitor'],
  admin: ['admin'],
};
const FLAGS: Record<Variant, { is_anonymous: boolean; is_secret: boolean }> = {
  ordinary: { is_anonymous: false, is_secret: false },
  anonymous: { is_anonymous: true, is_secret: false },
  secret: { is_anonymous: false, is_secret: true },
  anonymousSecret: { is_anonymous: true, is_secret: true },
};
/** Distinct, searchable identities: nothing else in a response could contain them by chance. */
const REPORTERS: Record<Variant, Reporter> = {
  ordinary: { name: 'Ratna Terbuka Wibisana', email: 'ratna.terbuka@example.org', phone: '+81 90-4417-0001' },
  anonymous: {
    name: 'Bagus Tanpanama Suryo',
    email: 'bagus.tanpanama@example.org',
    phone: '+81 90-4417-0002',
  },
  secret: { name: 'Citra Rahasia Lestari', email: 'citra.rahasia@example.org', phone: '+81 90-4417-0003' },
  anonymousSecret: {
    name: 'Dewi Sembunyi Pratiwi',
    email: 'dewi.sembunyi@example.org',
    phone: '+81 90-4417-0004',
  },
};

/** Who may read the reporter of a complaint of the variant assigned to Osaka (the rule under test). */
const mayRead = (v: Variant, who: Caller): boolean =>
  v === 'ordinary' ? who !== 'foreign' : v === 'secret' ? who === 'handler' || who === 'supervisor' : false;

/** The reporter fields of `r` found in `text` (case-insensitive; a phone also by its digits alone). */
function fieldsIn(text: string, r: Reporter): Field[] {
  const hay = text.toLowerCase();
  const needles: Record<Field, string[]> = {
    name: [r.name],
    email: [r.email],
    phone: [r.phone, r.phone.replace(/\D/g, '')],
  };
  return FIELDS.filter((f) => needles[f].some((n) => hay.includes(n.toLowerCase())));
}

/** Every reporter field visible in a response, as `variant.field`. */
const visibleIn = (text: string) =>
  VARIANTS.flatMap((v) => fieldsIn(text, REPORTERS[v]).map((f) => `${v}.${f}`));
const allFieldsOf = (vs: Variant[]) => vs.flatMap((v) => FIELDS.map((f) => `${v}.${f}`));

describe('confidentiality: anonymous and secret reporters never reach the wrong role', () => {
  let bed: WorkflowBed;
  /** The complaint of each variant that lives through the actions, and one that is rejected. */
  const main = {} as Record<Variant, string>;
  const rejected = {} as Record<Variant, string>;
  const laporIds: string[] = [];
  /** Expected number of reporter.read audit entries per complaint id. */
  const audited = new Map<string, number>();

  const api = (who: Caller) => bed.as(...AS[who]);
  /**
   * The response's status and exactly the reporter fields it may show (none unless `allowed`): the
   * raw body is searched, so a leak anywhere (another key, a payload, a CSV cell) fails.
   */
  const expectShows = (res: Response, where: string, status: number, allowed: Variant[] = []) => {
    expect({ where, status: res.status, visible: visibleIn(res.text) }).toEqual({
      where,
      status,
      visible: allFieldsOf(allowed),
    });
  };
  const auditEntries = async (complaintId: string) => {
    const res = await (
      await api('admin')
    )
      .get(`/api/v1/admin/audit?action=reporter.read&complaintId=${complaintId}&limit=200`)
      .expect(200);
    expectShows(res, 'GET /admin/audit', 200);
    return res.body.data as { actor: string; action: string; complaintId: string; payload: object }[];
  };
  const etagOf = async (id: string) =>
    (await (await api('admin')).get(`/api/v1/complaints/${id}`).expect(200)).headers.etag;

  /** The tables with a row whose text holds any of the reporters' fields (a phone also as digits). */
  const tablesHolding = async (reporters: Reporter[]) => {
    const { ds } = intakeQueries(bed.t);
    const tables = await ds.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['complaints', 'complaint_events', 'outbox', 'inbound_deliveries', 'audit_log']),
    );
    const patterns = reporters
      .flatMap((r) => [r.name, r.email, r.phone, r.phone.replace(/\D/g, '')])
      .map((s) => `%${s}%`);
    const found: string[] = [];
    for (const { table_name: table } of tables) {
      const [{ n }] = await ds.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "${table}" t WHERE row_to_json(t)::text ILIKE ANY($1)`,
        [patterns],
      );
      if (n > 0) found.push(`${table}: ${n} row(s)`);
    }
    return found;
  };

  beforeAll(async () => {
    bed = await startWorkflowBed('confidentiality');
    const made = await bed.intake(
      VARIANTS.flatMap((v) => [
        osakaComplaint({ ...FLAGS[v], reporter: REPORTERS[v] }),
        osakaComplaint({ ...FLAGS[v], reporter: REPORTERS[v], title: 'Paspor rusak di Osaka' }),
      ]),
    );
    VARIANTS.forEach((v, i) => {
      main[v] = made[2 * i].id;
      rejected[v] = made[2 * i + 1].id;
    });
    for (const c of made) {
      expect(c).toMatchObject({ missionCode: 'osaka', status: 'assigned' });
      laporIds.push(c.laporId);
      audited.set(c.id, 0);
    }
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('stores the reporter encrypted (AES-GCM) and nowhere in plain text, and keeps none for anonymous complaints', async () => {
    const { ds } = intakeQueries(bed.t);
    const rows = await ds.query<
      {
        id: string;
        is_anonymous: boolean;
        is_secret: boolean;
        reporter_name_enc: string | null;
        reporter_email_enc: string | null;
        reporter_phone_enc: string | null;
        whole: string;
      }[]
    >(
      `SELECT c.id, c.is_anonymous, c.is_secret, c.reporter_name_enc, c.reporter_email_enc,
              c.reporter_phone_enc, row_to_json(c)::text AS whole
       FROM complaints c WHERE c.lapor_id = ANY($1)`,
      [laporIds],
    );
    expect(rows).toHaveLength(2 * VARIANTS.length);
    for (const v of VARIANTS) {
      for (const id of [main[v], rejected[v]]) {
        const row = rows.find((r) => r.id === id)!;
        expect({ v, anonymous: row.is_anonymous, secret: row.is_secret }).toEqual({
          v,
          anonymous: FLAGS[v].is_anonymous,
          secret: FLAGS[v].is_secret,
        });
        expect({ v, visible: visibleIn(row.whole) }).toEqual({ v, visible: [] });
        const stored = [row.reporter_name_enc, row.reporter_email_enc, row.reporter_phone_enc];
        if (FLAGS[v].is_anonymous) {
          // Nobody may ever see it, so the bridge does not keep it at all.
          expect(stored).toEqual([null, null, null]);
        } else {
          // `<keyId>:<base64(iv ‖ tag ‖ ciphertext)>`, a fresh IV per value.
          for (const s of stored) expect(s).toMatch(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/]+=*$/);
          const decoded = stored.map((s) => Buffer.from(s!.split(':')[1], 'base64').toString('latin1'));
          expect(visibleIn(decoded.join(' '))).toEqual([]);
        }
      }
    }
    // Nor anywhere else in the database: events, outbox, deliveries, notifications, audit.
    expect(await tablesHolding(Object.values(REPORTERS))).toEqual([]);
  });

  it('drops the reporter LAPOR! sends with an anonymous complaint: stored nowhere, shown to nobody', async () => {
    // The sandbox blanks anonymous reporters as LAPOR! does; a LAPOR! that sends one anyway must not
    // make the bridge keep or show it.
    const leaky: Reporter = {
      name: 'Eko Bocoran Santoso',
      email: 'eko.bocoran@example.org',
      phone: '+81 90-4417-0005',
    };
    const wire = wireComplaint({
      ...osakaComplaint(),
      is_anonymous: true,
      is_secret: true,
      reporter: leaky,
    });
    const delivery = signedWebhook(SANDBOX_WEBHOOK_SECRET, event('complaint.dispositioned', wire));
    await request(bed.t.url).post('/webhooks/lapor').set(delivery.headers).send(delivery.body).expect(202);
    const { ds } = intakeQueries(bed.t);
    let id = '';
    await waitFor(async () => {
      const [row] = await ds.query<{ id: string; status: string }[]>(
        `SELECT id, status FROM complaints WHERE lapor_id = $1`,
        [wire.id],
      );
      id = row?.status === 'assigned' ? row.id : '';
      return id !== '';
    }, 'the webhook complaint routed');
    const [row] = await ds.query<{ whole: string; enc: (string | null)[] }[]>(
      `SELECT row_to_json(c)::text AS whole,
              ARRAY[c.reporter_name_enc, c.reporter_email_enc, c.reporter_phone_enc] AS enc
       FROM complaints c WHERE c.id = $1`,
      [id],
    );
    expect(row.enc).toEqual([null, null, null]);
    expect(fieldsIn(row.whole, leaky)).toEqual([]);
    expect(await tablesHolding([leaky])).toEqual([]);
    for (const who of CALLERS) {
      for (const path of [`/api/v1/complaints/${id}`, '/api/v1/complaints?limit=200']) {
        const res = await (await api(who)).get(path);
        expect({ who, path, status: res.status, visible: fieldsIn(res.text, leaky) }).toEqual({
          who,
          path,
          status: who === 'foreign' && path.includes(id) ? 404 : 200,
          visible: [],
        });
      }
    }
    expect(await auditEntries(id)).toEqual([]);
  });

  it('shows the reporter on the complaint page only where the rule allows, auditing each secret read', async () => {
    for (const v of VARIANTS) {
      for (const who of CALLERS) {
        const id = main[v];
        const before = (await auditEntries(id)).length;
        const res = await (await api(who)).get(`/api/v1/complaints/${id}`);
        const where = `GET /complaints/{${v}} as ${who}`;
        if (who === 'foreign') {
          expectShows(res, where, 404);
          expect(res.body.code).toBe('COMPLAINT_NOT_FOUND');
        } else if (mayRead(v, who)) {
          expectShows(res, where, 200, [v]);
          expect(res.body.reporter).toEqual(REPORTERS[v]);
        } else {
          expectShows(res, where, 200);
          expect(res.body).not.toHaveProperty('reporter');
          expect(res.body).toMatchObject({
            id,
            isAnonymous: FLAGS[v].is_anonymous,
            isSecret: FLAGS[v].is_secret,
          });
        }
        // One audit entry per secret read by the assigned mission; none for anyone else's read.
        const readsSecret = v === 'secret' && mayRead(v, who);
        if (readsSecret) audited.set(id, audited.get(id)! + 1);
        const after = await auditEntries(id);
        expect({ where, added: after.length - before }).toEqual({ where, added: readsSecret ? 1 : 0 });
        if (readsSecret) {
          const whoami = (await (await api(who)).get('/api/v1/auth/whoami').expect(200)).body;
          expect(after[0]).toMatchObject({
            actor: `token:${whoami.tokenId}`,
            action: 'reporter.read',
            complaintId: id,
          });
        }
      }
    }
  });

  it('never shows a reporter in the inbox or its CSV export, to any role, though the complaints are listed', async () => {
    for (const who of CALLERS) {
      const json = await (await api(who)).get('/api/v1/complaints?limit=200');
      expectShows(json, `GET /complaints as ${who}`, 200);
      const ids = (json.body.data as { id: string }[]).map((c) => c.id);
      const csv = await (await api(who)).get('/api/v1/complaints?limit=200').set('Accept', 'text/csv');
      expectShows(csv, `GET /complaints (CSV) as ${who}`, 200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      for (const v of VARIANTS) {
        // Osaka's complaints are in the list and the export of everyone but Tokyo's handler.
        const listed = who !== 'foreign';
        expect({ who, v, json: ids.includes(main[v]), csv: csv.text.includes(main[v]) }).toEqual({
          who,
          v,
          json: listed,
          csv: listed,
        });
      }
      // Filters are no oracle either: searching for a reporter's name finds nothing.
      for (const v of VARIANTS) {
        const byName = await (
          await api(who)
        )
          .get('/api/v1/complaints')
          .query({ q: REPORTERS[v].name, limit: 200 });
        expectShows(byName, `GET /complaints?q=<name> as ${who}`, 200);
        expect(byName.body.data).toEqual([]);
      }
      const byLaporId = await (await api(who)).get('/api/v1/complaints').query({ laporId: laporIds[4] });
      expectShows(byLaporId, `GET /complaints?laporId= as ${who}`, 200);
    }
    // Listing audits nothing: no reporter was read.
    for (const v of VARIANTS) expect((await auditEntries(main[v])).length).toBe(audited.get(main[v]));
  });

  it('shows no reporter in rendered templates, notifications, the audit log, reroutes or the quarantine list', async () => {
    for (const v of VARIANTS) {
      for (const who of CALLERS) {
        for (const lang of ['id', 'en']) {
          const res = await (
            await api(who)
          )
            .post('/api/v1/templates/ack-standard/render')
            .send({ complaintId: main[v], lang });
          expectShows(
            res,
            `POST /templates/ack-standard/render {${v}} as ${who}`,
            who === 'foreign' ? 404 : 200,
          );
          if (res.status === 200) expect(res.body.body).toContain('KJRI Osaka');
        }
      }
    }

    // The notifications of the routing reach Osaka's list (so the lists below are not empty).
    const mine = Object.values(main);
    await waitFor(async () => {
      const res = await (await api('handler')).get('/api/v1/notifications?limit=200');
      const ids = (res.body.data as { complaintId: string }[]).map((n) => n.complaintId);
      return mine.every((id) => ids.includes(id));
    }, 'the routing notifications of every complaint');
    for (const who of CALLERS) {
      const res = await (await api(who)).get('/api/v1/notifications?limit=200');
      expectShows(res, `GET /notifications as ${who}`, 200);
      const ids = (res.body.data as { complaintId: string }[]).map((n) => n.complaintId);
      expect({ who, seesOsaka: mine.every((id) => ids.includes(id)) }).toEqual({
        who,
        seesOsaka: who !== 'foreign',
      });
    }

    for (const who of CALLERS) {
      const res = await (await api(who)).get('/api/v1/admin/audit?limit=200');
      expectShows(res, `GET /admin/audit as ${who}`, who === 'admin' ? 200 : 403);
      if (who === 'admin') {
        const reads = (res.body.data as { action: string }[]).filter((e) => e.action === 'reporter.read');
        expect(reads.length).toBeGreaterThan(0);
      }
    }

    for (const v of VARIANTS) {
      for (const who of CALLERS) {
        const res = await (
          await api(who)
        )
          .post(`/api/v1/complaints/${main[v]}/reroute`)
          .send({ reason: 'periksa ulang' });
        expectShows(res, `POST /complaints/{${v}}/reroute as ${who}`, who === 'admin' ? 200 : 403);
        if (who === 'admin') expect(res.body).toMatchObject({ complaintId: main[v], missionCode: 'osaka' });
      }
    }

    for (const who of CALLERS) {
      const res = await (await api(who)).get('/api/v1/admin/quarantine');
      expectShows(res, `GET /admin/quarantine as ${who}`, who === 'admin' ? 200 : 403);
    }
    // None of these is a read of the reporter.
    for (const v of VARIANTS) expect((await auditEntries(main[v])).length).toBe(audited.get(main[v]));
  });

  it('answers every action, for every role, without the reporter', async () => {
    const ACTIONS: [string, object][] = [
      ['acknowledge', { note: 'saya tangani' }],
      ['followups', { visibility: 'internal', content: 'Cek data SPLP.' }],
      ['followups', { visibility: 'public', content: 'Silakan datang ke KJRI Osaka.' }],
      ['ask-reporter', { content: 'Mohon kirim salinan laporan polisi.' }],
      ['resolve', { resolution: 'SPLP sudah diterbitkan.' }],
      ['reopen', { reason: 'Pelapor belum menerima dokumen' }],
      ['escalate', { reason: 'Butuh keputusan' }],
      ['transfer', { missionCode: 'tokyo', reason: 'Domisili pelapor di Tokyo' }],
      ['reject', { targetInstitutionId: '2045', reason: 'Kewenangan Ditjen Imigrasi' }],
    ];
    const post = async (who: Caller, id: string, action: string, body: object, ifMatch: string) =>
      (await api(who)).post(`/api/v1/complaints/${id}/${action}`).set('If-Match', ifMatch).send(body);

    for (const v of VARIANTS) {
      const id = main[v];
      // Those who may not act: a monitor (403) and another mission's handler (404; 403 for a transfer,
      // which handlers never take).
      const etag = await etagOf(id);
      for (const [action, body] of ACTIONS) {
        expectShows(await post('monitor', id, action, body, etag), `${action} {${v}} as monitor`, 403);
        expectShows(
          await post('foreign', id, action, body, etag),
          `${action} {${v}} as foreign`,
          action === 'transfer' ? 403 : 404,
        );
      }

      // The mission's handler, its supervisor and an admin take it through every action.
      const life: [Caller, string, object][] = [
        ['handler', ...ACTIONS[0]],
        ['handler', ...ACTIONS[1]],
        ['admin', ...ACTIONS[1]],
        ['handler', ...ACTIONS[2]],
        ['handler', ...ACTIONS[3]],
        ['supervisor', ...ACTIONS[4]],
        ['handler', ...ACTIONS[5]],
        ['handler', ...ACTIONS[6]],
        ['supervisor', ...ACTIONS[6]],
        ['admin', ...ACTIONS[1]],
        ['supervisor', ...ACTIONS[7]],
      ];
      let tag = etag;
      for (const [who, action, body] of life) {
        const res = await post(who, id, action, body, tag);
        expectShows(res, `${action} {${v}} as ${who}`, 200);
        expect(res.body).not.toHaveProperty('reporter');
        tag = res.headers.etag;
      }
      // Refusals (stale ETag, invalid transition) carry no reporter either.
      expectShows(await post('admin', id, 'acknowledge', {}, etag), `stale acknowledge {${v}}`, 412);
      expectShows(await post('admin', id, 'reopen', { reason: 'x' }, tag), `refused reopen {${v}}`, 409);

      const r = rejected[v];
      expectShows(
        await post('handler', r, 'reject', ACTIONS[8][1], await etagOf(r)),
        `reject {${v}} as handler`,
        200,
      );
      // Actions read no reporter, so they audit nothing.
      expect((await auditEntries(id)).length).toBe(audited.get(id));
    }

    // After the transfer the secret reporter follows the complaint: Tokyo's handler now sees it (audited),
    // Osaka's no longer sees the complaint at all.
    for (const v of VARIANTS) {
      const tokyo = await (await api('foreign')).get(`/api/v1/complaints/${main[v]}`);
      expectShows(
        tokyo,
        `GET /complaints/{${v}} as Tokyo after the transfer`,
        200,
        mayRead(v, 'handler') ? [v] : [],
      );
      if (v === 'secret') audited.set(main[v], audited.get(main[v])! + 1);
      const osaka = await (await api('handler')).get(`/api/v1/complaints/${main[v]}`);
      expectShows(osaka, `GET /complaints/{${v}} as Osaka after the transfer`, 404);
      const monitor = await (await api('monitor')).get(`/api/v1/complaints/${main[v]}`);
      expectShows(
        monitor,
        `GET /complaints/{${v}} as monitor after the transfer`,
        200,
        v === 'ordinary' ? [v] : [],
      );
      expect((await auditEntries(main[v])).length).toBe(audited.get(main[v]));
    }
  });

  it('keeps the audit log of secret reads free of personal data', async () => {
    const entries = await auditEntries(main.secret);
    expect(entries).toHaveLength(audited.get(main.secret)!);
    expect(entries.length).toBeGreaterThanOrEqual(3);
    for (const e of entries) {
      expect(e).toMatchObject({ action: 'reporter.read', complaintId: main.secret });
      expect(visibleIn(JSON.stringify(e))).toEqual([]);
    }
    // No read of an ordinary, anonymous or anonymous-secret reporter is audited (nor needed).
    for (const v of ['ordinary', 'anonymous', 'anonymousSecret'] as const)
      expect(await auditEntries(main[v])).toEqual([]);
  });
  it('keeps reporters out of Redis: queues, job data and events carry ids only', async () => {
    // SPEC.md "Architecture": no reporter data ever enters Redis, logs or the queue UI.
    const prefix = bed.t.config.get('QUEUE_PREFIX');
    const redis = new Redis(TEST_REDIS_URL);
    const texts: string[] = [];
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        for (const key of keys) {
          const type = await redis.type(key);
          const value =
            type === 'string'
              ? await redis.get(key)
              : type === 'hash'
                ? await redis.hgetall(key)
                : type === 'list'
                  ? await redis.lrange(key, 0, -1)
                  : type === 'set'
                    ? await redis.smembers(key)
                    : type === 'zset'
                      ? await redis.zrange(key, '0', '-1')
                      : type === 'stream'
                        ? await redis.xrange(key, '-', '+')
                        : `unread type ${type}`;
          texts.push(`${key} ${JSON.stringify(value)}`);
        }
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    // The routing and notification jobs of these complaints went through Redis (so the scan saw them).
    expect(texts.some((t) => t.includes(main.secret))).toBe(true);
    expect(texts.filter((t) => visibleIn(t).length > 0)).toEqual([]);
  });
});
