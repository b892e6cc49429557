import { Client } from 'pg';
import request from 'supertest';
import { mapComplaint } from '../../src/integrations/lapor/lapor.mapper';
import { SANDBOX_WEBHOOK_SECRET } from '../../src/sandbox/sandbox.defaults';
import { IntakeService } from '../../src/modules/intake/intake.service';
import { event, signedWebhook, wireComplaint } from '../helpers/lapor-wire';
import { TcpProxy } from '../helpers/tcp-proxy';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { TestDatabase } from '../helpers/test-database';

/** The app reaches Postgres through a proxy the test takes down in the middle of the intake. */
describe('intake while Postgres restarts', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;
  let direct: Client;

  beforeAll(async () => {
    db = await TestDatabase.create('pgrestart');
    const url = new URL(db.url);
    proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    url.host = `127.0.0.1:${await proxy.up()}`;
    t = await startTestApp({ db, label: 'pgrestart', env: { DATABASE_URL: url.toString(), ROLE: 'api' } });
    direct = new Client({ connectionString: db.url });
    await direct.connect();
  });
  afterAll(async () => {
    await direct?.end();
    await t?.close();
    await proxy?.down();
    await db?.drop();
  });

  const send = (c: Record<string, unknown>, id: string) => {
    const req = signedWebhook(SANDBOX_WEBHOOK_SECRET, event('complaint.dispositioned', c), { id });
    return request(t.url)
      .post('/webhooks/lapor')
      .set(req.headers)
      .send(req.body)
      .then((r) => r.status)
      .catch(() => 0);
  };

  it('loses nothing that was answered 2xx, and a retried 503 lands exactly once', async () => {
    const complaints = Array.from({ length: 120 }, () => wireComplaint());
    const statuses = new Map<string, number>();
    let sent = 0;
    let outage: Promise<unknown> = Promise.resolve();
    const worker = async () => {
      while (sent < complaints.length) {
        const c = complaints[sent++];
        if (sent === 40) {
          outage = proxy
            .down()
            .then(() => new Promise((r) => setTimeout(r, 1500)))
            .then(() => proxy.up());
        }
        statuses.set(c.id as string, await send(c, `msg_${c.id as string}`));
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    await outage;

    const values = [...statuses.values()];
    expect(values.filter((s) => s !== 202 && s !== 503)).toEqual([]);
    expect(values.filter((s) => s === 503).length).toBeGreaterThan(0);

    const stored = new Set(
      (await direct.query<{ lapor_id: string }>(`SELECT lapor_id FROM complaints`)).rows.map(
        (r) => r.lapor_id,
      ),
    );
    for (const [id, status] of statuses) if (status === 202) expect(stored.has(id)).toBe(true);

    // LAPOR! retries what was not acknowledged (same webhook-id), until it is. A 503 whose commit
    // had in fact landed (the connection died before the acknowledgement) is answered 200: duplicate.
    for (const c of complaints) {
      if (statuses.get(c.id as string) !== 202)
        expect([200, 202]).toContain(await send(c, `msg_${c.id as string}`));
    }
    const { rows } = await direct.query<{ n: number; events: number }>(
      `SELECT count(*)::int AS n, (SELECT count(*)::int FROM complaint_events WHERE type = 'received') AS events
       FROM complaints`,
    );
    expect(rows[0]).toEqual({ n: 120, events: 120 });
  });

  it('gives one complaint when the same complaint arrives by webhook and by poll', async () => {
    const c = wireComplaint();
    expect(await send(c, `msg_overlap_${c.id as string}`)).toBe(202);
    const viaPoll = await t.app.get(IntakeService).ingest({
      source: 'poll',
      deliveryKey: `${c.id as string}@poll`,
      laporId: c.id as string,
      complaint: mapComplaint(c),
    });
    expect(viaPoll.outcome).toBe('unchanged');
    const { rows } = await direct.query(`SELECT count(*)::int AS n FROM complaints WHERE lapor_id = $1`, [
      c.id,
    ]);
    expect(rows[0].n).toBe(1);
  });
});
