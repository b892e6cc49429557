import { createHash } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { TokenService } from '../../src/modules/auth/token.service';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('API tokens', () => {
  const bootstrapToken = 'bootstrap-admin-token-0123456789abcdef0123';
  let t: TestApp;
  let tokens: TokenService;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ label: 'auth', env: { BOOTSTRAP_ADMIN_TOKEN: bootstrapToken } });
    tokens = t.app.get(TokenService);
    ds = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores only the SHA-256 of a token, and the token authenticates with its role and mission', async () => {
    const { token, record } = await tokens.create({ role: 'handler', missionCode: 'tokyo' });
    expect(token).toMatch(/^lbt_[A-Za-z0-9_-]{43}$/);

    const rows: Record<string, unknown>[] = await ds.query(`SELECT * FROM api_tokens WHERE id = $1`, [
      record.id,
    ]);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);

    const res = await request(t.url)
      .get('/api/v1/auth/whoami')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(res.body).toEqual({
      tokenId: record.id,
      name: 'handler@tokyo',
      role: 'handler',
      missionCode: 'tokyo',
    });
  });

  it('answers 401 with a problem document for a missing, unknown or revoked token', async () => {
    const missing = await request(t.url).get('/api/v1/auth/whoami').expect(401);
    expect(missing.body).toMatchObject({ code: 'AUTH_REQUIRED', status: 401 });
    expect(missing.headers['www-authenticate']).toBe('Bearer');

    const unknown = await request(t.url)
      .get('/api/v1/auth/whoami')
      .set('Authorization', 'Bearer lbt_nope')
      .expect(401);
    expect(unknown.body).toMatchObject({ code: 'AUTH_INVALID_TOKEN' });

    const { token, record } = await tokens.create({ role: 'monitor' });
    await request(t.url).get('/api/v1/auth/whoami').set('Authorization', `Bearer ${token}`).expect(200);
    await tokens.revoke(record.id);
    const revoked = await request(t.url)
      .get('/api/v1/auth/whoami')
      .set('Authorization', `Bearer ${token}`)
      .expect(401);
    expect(revoked.body).toMatchObject({ code: 'AUTH_INVALID_TOKEN' });
  });

  it('ensures the BOOTSTRAP_ADMIN_TOKEN admin at boot', async () => {
    const res = await request(t.url)
      .get('/api/v1/auth/whoami')
      .set('Authorization', `Bearer ${bootstrapToken}`)
      .expect(200);
    expect(res.body).toMatchObject({ role: 'admin', missionCode: null, name: 'bootstrap-admin' });
  });

  it('refuses tokens that break the mission-scope rules, with clear codes', async () => {
    await expect(tokens.create({ role: 'supervisor' })).rejects.toMatchObject({
      code: 'TOKEN_MISSION_REQUIRED',
    });
    await expect(tokens.create({ role: 'admin', missionCode: 'tokyo' })).rejects.toMatchObject({
      code: 'TOKEN_MISSION_NOT_ALLOWED',
    });
    await expect(tokens.create({ role: 'handler', missionCode: 'atlantis' })).rejects.toMatchObject({
      code: 'MISSION_NOT_FOUND',
    });
    await expect(tokens.create({ role: 'root' })).rejects.toMatchObject({ code: 'TOKEN_INVALID_ROLE' });
  });
});
