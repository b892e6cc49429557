import request from 'supertest';
import { DataSource } from 'typeorm';
import { TokenService } from '../../src/modules/auth/token.service';
import type { Role } from '../../src/modules/auth/role';
import { uniqueQueuePrefix } from '../helpers/redis-cleanup';
import { runCli } from '../helpers/run-cli';
import { startTestApp, type TestApp } from '../helpers/test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('rate limits per token, shared by replicas', () => {
  const LIMIT = 5;
  let a: TestApp;
  let b: TestApp;
  let tokens: TokenService;

  beforeAll(async () => {
    // Two replicas on one database and one Redis key prefix, as in production.
    const env = { QUEUE_PREFIX: uniqueQueuePrefix('ratelimit'), API_RATE_LIMIT: String(LIMIT) };
    a = await startTestApp({ label: 'ratelimit', env });
    b = await startTestApp({ label: 'ratelimit', env, db: a.db });
    tokens = a.app.get(TokenService);
  });
  afterAll(async () => {
    await b?.stop();
    await a?.close();
  });

  it('answers 429 RATE_LIMITED with Retry-After after the limit, counted across replicas; another token is unaffected', async () => {
    const busy = (await tokens.create({ role: 'monitor', name: 'busy' })).token;
    const calm = (await tokens.create({ role: 'monitor', name: 'calm' })).token;

    for (let i = 1; i <= LIMIT; i++) {
      const res = await request((i % 2 ? a : b).url)
        .get('/api/v1/auth/whoami')
        .set(bearer(busy))
        .expect(200);
      expect(res.headers).toMatchObject({
        'x-ratelimit-limit': String(LIMIT),
        'x-ratelimit-remaining': String(LIMIT - i),
        'ratelimit-limit': String(LIMIT),
        'ratelimit-remaining': String(LIMIT - i),
      });
    }

    for (const app of [a, b]) {
      const res = await request(app.url).get('/api/v1/missions').set(bearer(busy)).expect(429);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      expect(res.body.correlationId).toBe(res.headers['x-correlation-id']);
      const retryAfter = Number(res.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(res.headers['ratelimit-remaining']).toBe('0');
    }

    await request(a.url).get('/api/v1/auth/whoami').set(bearer(calm)).expect(200);
    await request(b.url).get('/api/v1/auth/whoami').set(bearer(calm)).expect(200);
  });

  it('never limits health checks or LAPOR! webhooks', async () => {
    for (let i = 0; i < LIMIT + 3; i++) {
      const live = await request(a.url).get('/health/live').expect(200);
      expect(live.headers['x-ratelimit-limit']).toBeUndefined();
      // Unsigned: refused by the webhook's own checks, never by the rate limit.
      const hook = await request(a.url)
        .post('/webhooks/lapor')
        .set('content-type', 'application/json')
        .send('{}');
      expect(hook.status).not.toBe(429);
      expect(hook.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });

  it('refuses a missing or invalid token with 401 before counting anything', async () => {
    for (let i = 0; i < LIMIT + 3; i++) {
      await request(b.url).get('/api/v1/missions').expect(401);
    }
  });
});

describe('admin token API, revocation and the audit log', () => {
  let t: TestApp;
  let tokens: TokenService;
  let admin: { token: string; id: string };
  const roleTokens = new Map<Role, string>();

  const api = (method: 'get' | 'post', path: string, token = admin.token) =>
    request(t.url)[method](path).set(bearer(token));

  beforeAll(async () => {
    t = await startTestApp({ label: 'tokens' });
    tokens = t.app.get(TokenService);
    const created = await tokens.create({ role: 'admin', name: 'ops' });
    admin = { token: created.token, id: created.record.id };
    roleTokens.set('handler', (await tokens.create({ role: 'handler', missionCode: 'tokyo' })).token);
    roleTokens.set('supervisor', (await tokens.create({ role: 'supervisor', missionCode: 'tokyo' })).token);
    roleTokens.set('monitor', (await tokens.create({ role: 'monitor' })).token);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets an admin issue a token that works, list it without secrets, and revoke it for the next request', async () => {
    const created = await api('post', '/api/v1/admin/tokens')
      .send({ role: 'handler', missionCode: 'osaka', name: 'osaka-script' })
      .expect(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^lbt_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({
      name: 'osaka-script',
      role: 'handler',
      missionCode: 'osaka',
      tokenPrefix: token.slice(0, 10),
      revokedAt: null,
      expiresAt: null,
    });
    const id: string = created.body.id;

    const who = await request(t.url).get('/api/v1/auth/whoami').set(bearer(token)).expect(200);
    expect(who.body).toMatchObject({ tokenId: id, role: 'handler', missionCode: 'osaka' });

    const list = await api('get', '/api/v1/admin/tokens').expect(200);
    const listed = list.body.data.find((x: { id: string }) => x.id === id);
    expect(listed).toMatchObject({ name: 'osaka-script', tokenPrefix: token.slice(0, 10) });
    expect(listed.lastUsedAt).not.toBeNull();
    expect(Object.keys(listed).sort()).toEqual(
      [
        'createdAt',
        'expiresAt',
        'id',
        'lastUsedAt',
        'missionCode',
        'name',
        'revokedAt',
        'role',
        'tokenPrefix',
      ].sort(),
    );
    expect(JSON.stringify(list.body)).not.toMatch(/tokenHash|token_hash/);
    expect(JSON.stringify(list.body)).not.toContain(token);

    const revoked = await api('post', `/api/v1/admin/tokens/${id}/revoke`).expect(200);
    expect(revoked.body).toMatchObject({ id, revokedAt: expect.any(String) });
    const refused = await request(t.url).get('/api/v1/auth/whoami').set(bearer(token)).expect(401);
    expect(refused.body).toMatchObject({ code: 'AUTH_INVALID_TOKEN' });

    // Revoking again changes nothing.
    const again = await api('post', `/api/v1/admin/tokens/${id}/revoke`).expect(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
  });

  it('answers 404 TOKEN_NOT_FOUND for an unknown token and 400 for a bad new token', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await api('post', `/api/v1/admin/tokens/${id}/revoke`).expect(404);
      expect(res.body).toMatchObject({ code: 'TOKEN_NOT_FOUND', status: 404 });
    }
    const cases: [object, string][] = [
      [{ role: 'root' }, 'VALIDATION_FAILED'],
      [{ role: 'handler' }, 'TOKEN_MISSION_REQUIRED'],
      [{ role: 'monitor', missionCode: 'tokyo' }, 'TOKEN_MISSION_NOT_ALLOWED'],
      [{ role: 'handler', missionCode: 'atlantis' }, 'MISSION_NOT_FOUND'],
      [{ role: 'monitor', expiresAt: '2020-01-01T00:00:00Z' }, 'VALIDATION_FAILED'],
      [{ role: 'monitor', expiresAt: 'tomorrow' }, 'VALIDATION_FAILED'],
      [{ role: 'monitor', tokenHash: 'x' }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const res = await api('post', '/api/v1/admin/tokens').send(body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code });
    }
  });

  it('issues tokens that stop working when they expire', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await api('post', '/api/v1/admin/tokens')
      .send({ role: 'monitor', expiresAt })
      .expect(201);
    expect(created.body.expiresAt).toBe(expiresAt);
    await request(t.url).get('/api/v1/auth/whoami').set(bearer(created.body.token)).expect(200);
    await t.app
      .get(DataSource)
      .query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        created.body.id,
      ]);
    await request(t.url).get('/api/v1/auth/whoami').set(bearer(created.body.token)).expect(401);
  });

  it('pages the token list with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await api(
        'get',
        `/api/v1/admin/tokens?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      ).expect(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((x: { id: string }) => x.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await api('get', '/api/v1/admin/tokens?limit=200').expect(200);
    expect(seen).toEqual(all.body.data.map((x: { id: string }) => x.id));
    expect(new Set(seen).size).toBe(seen.length);
    await api('get', '/api/v1/admin/tokens?cursor=abc').expect(400);
  });

  it('keeps /admin/tokens and /admin/audit to admins: 403 FORBIDDEN_ROLE for every other role', async () => {
    for (const [role, token] of roleTokens) {
      for (const [method, path] of [
        ['get', '/api/v1/admin/tokens'],
        ['post', '/api/v1/admin/tokens'],
        ['post', `/api/v1/admin/tokens/${admin.id}/revoke`],
        ['get', '/api/v1/admin/audit'],
      ] as const) {
        const res = await api(method, path, token).send({ role: 'admin' });
        expect({ role, path, status: res.status, code: res.body.code }).toEqual({
          role,
          path,
          status: 403,
          code: 'FORBIDDEN_ROLE',
        });
      }
    }
    await request(t.url).get('/api/v1/admin/audit').expect(401);
    // Nothing was revoked or created by those attempts.
    await request(t.url).get('/api/v1/auth/whoami').set(bearer(admin.token)).expect(200);
  });

  it('records token issue and revocation in the audit log, newest first, paged by cursor', async () => {
    const created = await api('post', '/api/v1/admin/tokens')
      .send({ role: 'monitor', name: 'audited' })
      .expect(201);
    const revoked = await api('post', `/api/v1/admin/tokens/${created.body.id}/revoke`).expect(200);

    const mine = await api('get', `/api/v1/admin/audit?actor=token:${admin.id}&limit=200`).expect(200);
    expect(mine.body.data.slice(0, 2)).toEqual([
      {
        id: expect.any(String),
        actor: `token:${admin.id}`,
        action: 'token.revoke',
        complaintId: null,
        subject: `token:${created.body.id}`,
        payload: { tokenId: created.body.id, name: 'audited', role: 'monitor', missionCode: null },
        correlationId: revoked.headers['x-correlation-id'],
        occurredAt: expect.any(String),
      },
      expect.objectContaining({
        action: 'token.create',
        subject: `token:${created.body.id}`,
        correlationId: created.headers['x-correlation-id'],
      }),
    ]);
    expect(JSON.stringify(mine.body)).not.toContain(created.body.token);

    // One by one, the pages give the same entries in the same order, then nextCursor null.
    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await api(
        'get',
        `/api/v1/admin/audit?actor=token:${admin.id}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      ).expect(200);
      paged.push(...page.body.data);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(mine.body.data);

    const byAction = await api('get', '/api/v1/admin/audit?action=token.revoke').expect(200);
    expect(byAction.body.data.every((e: { action: string }) => e.action === 'token.revoke')).toBe(true);
    const future = await api('get', '/api/v1/admin/audit?from=2999-01-01T00:00:00Z').expect(200);
    expect(future.body).toEqual({ data: [], nextCursor: null });
  });

  it('lists each invalid audit query parameter (400 VALIDATION_FAILED)', async () => {
    const res = await api(
      'get',
      '/api/v1/admin/audit?limit=0&cursor=abc&complaintId=nope&from=yesterday&action=DROP%20TABLE&x=1',
    ).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['action', 'complaintId', 'cursor', 'from', 'limit', 'x'].sort(),
    );
  });

  it('keeps the audit log append-only', async () => {
    const ds = t.app.get(DataSource);
    await expect(ds.query(`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  describe('npm run cli -- token:revoke', () => {
    const cli = (...args: string[]) => runCli({ DATABASE_URL: t.db.url }, ...args);

    it('revokes by id and by the printed prefix; the token gets 401 at once; audited as the CLI user', async () => {
      const byId = await tokens.create({ role: 'monitor', name: 'cli-by-id' });
      const byPrefix = await tokens.create({ role: 'handler', missionCode: 'tokyo', name: 'cli-by-prefix' });
      for (const c of [byId, byPrefix]) {
        await request(t.url).get('/api/v1/auth/whoami').set(bearer(c.token)).expect(200);
      }

      const r1 = await cli('token:revoke', byId.record.id);
      expect(r1).toMatchObject({ code: 0, stderr: '' });
      expect(r1.stdout).toContain(`token ${byId.record.id} (monitor, "cli-by-id") revoked`);
      const r2 = await cli('token:revoke', byPrefix.token.slice(0, 10));
      expect(r2).toMatchObject({ code: 0, stderr: '' });
      expect(r2.stdout).toContain(`token ${byPrefix.record.id} (handler of tokyo, "cli-by-prefix") revoked`);

      for (const c of [byId, byPrefix]) {
        await request(t.url).get('/api/v1/auth/whoami').set(bearer(c.token)).expect(401);
      }
      const again = await cli('token:revoke', byId.record.id);
      expect(again).toMatchObject({ code: 0 });
      expect(again.stdout).toContain('was already revoked');

      const audit = await api('get', '/api/v1/admin/audit?action=token.revoke&limit=200').expect(200);
      const entries = audit.body.data.filter((e: { subject: string }) =>
        [`token:${byId.record.id}`, `token:${byPrefix.record.id}`].includes(e.subject),
      );
      expect(entries).toHaveLength(2);
      for (const e of entries) expect(e.actor).toMatch(/^cli:.+/);
    });

    it('explains an unknown id or prefix and exits 1', async () => {
      for (const arg of ['00000000-0000-4000-8000-000000000000', 'lbt_nope00']) {
        expect(await cli('token:revoke', arg)).toMatchObject({
          code: 1,
          stdout: '',
          stderr: expect.stringContaining(`No API token with id or prefix "${arg}"`),
        });
      }
      expect(await cli('token:revoke')).toMatchObject({ code: 1 });
    });

    it('audits token:create as the CLI user', async () => {
      const r = await cli('token:create', '--role', 'monitor', '--name', 'from-cli');
      expect(r.code).toBe(0);
      const audit = await api('get', '/api/v1/admin/audit?action=token.create&limit=200').expect(200);
      const entry = audit.body.data.find(
        (e: { payload: { name?: string } }) => e.payload.name === 'from-cli',
      );
      expect(entry).toMatchObject({ actor: expect.stringMatching(/^cli:.+/), correlationId: null });
    });
  });
});
