import { Client } from 'pg';
import request from 'supertest';
import { quoteIdent } from '../../src/core/database/database-url';
import { deleteQueuePrefix, uniqueQueuePrefix } from '../helpers/redis-cleanup';
import { spawnBridge } from '../helpers/spawn-bridge';
import { TEST_PG_URL, TEST_REDIS_URL, databaseUrl, testDbName } from '../helpers/test-env';
import { freePort } from '../helpers/free-port';
import { waitFor } from '../helpers/wait-for';

describe('starting the bridge (src/main.ts in its own process)', () => {
  it('stops at once with a message naming each wrong variable', async () => {
    const b = spawnBridge({ ROLE: 'both', POLL_INTERVAL_S: 'often' });
    expect(await b.exited).toEqual({ code: 1, signal: null });
    expect(b.output()).toContain('lapor-bridge cannot start');
    expect(b.output()).toContain('ROLE must be all, api or worker (got "both")');
    expect(b.output()).toContain('POLL_INTERVAL_S must be a whole number');
  });

  it('refuses production without LAPOR! settings instead of falling back to the sandbox', async () => {
    const b = spawnBridge({ NODE_ENV: 'production' });
    expect(await b.exited).toEqual({ code: 1, signal: null });
    expect(b.output()).toContain('LAPOR_BASE_URL is required when NODE_ENV=production');
  });

  it('says how to start Postgres when it is unreachable', async () => {
    const port = await freePort();
    const b = spawnBridge({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/lapor_bridge` });
    expect(await b.exited).toEqual({ code: 1, signal: null });
    expect(b.output()).toMatch(/PostgreSQL is not reachable at 127\.0\.0\.1:\d+/);
    expect(b.output()).toContain('pg_ctlcluster');
  });

  it('on an empty server: creates the database, migrates, seeds, starts the sandbox, gets ready, and stops on SIGTERM', async () => {
    const dbName = testDbName('boot');
    const prefix = uniqueQueuePrefix('boot');
    const [port, sandboxPort] = [await freePort(), await freePort()];
    const b = spawnBridge({
      DATABASE_URL: databaseUrl(dbName),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      LOG_LEVEL: 'info',
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(
        async () =>
          (
            await request(base)
              .get('/health/ready')
              .catch(() => ({ status: 0 }))
          ).status === 200,
        'GET /health/ready = 200',
        45_000,
      );
      expect(b.output()).toContain('*** LAPOR! SANDBOX ***');

      const pg = new Client({ connectionString: databaseUrl(dbName) });
      await pg.connect();
      const [{ n }] = (await pg.query(`SELECT count(*)::int AS n FROM missions`)).rows;
      await pg.end();
      expect(n).toBe(139); // 134 missions, hq-djpk and 4 ministry desks

      const inbox = await request(`http://127.0.0.1:${sandboxPort}`)
        .get('/complaints/inbox')
        .query({ updated_from: '01-01-2020 00:00:00', page_size: 100 })
        .set('Authorization', 'Bearer sandbox-api-key')
        .set('token', '{00000000-0000-4000-8000-000000000000}')
        .expect(200);
      expect(inbox.body.results.data.length).toBeGreaterThanOrEqual(20);

      b.child.kill('SIGTERM');
      expect(await b.exited).toEqual({ code: null, signal: 'SIGTERM' });
    } finally {
      b.child.kill('SIGKILL');
      await deleteQueuePrefix(prefix);
      const admin = new Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(dbName)} WITH (FORCE)`);
      await admin.end();
    }
  });
});
