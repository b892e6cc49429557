import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait-for';

describe('HTTP basics (the real app over HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ label: 'http', env: { WEBHOOK_BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers liveness, and readiness once Postgres, Redis and a worker are up', async () => {
    await request(t.url).get('/health/live').expect(200, { status: 'ok' });
    let body: { status?: string; checks?: Record<string, { status: string }> } = {};
    await waitFor(async () => {
      const res = await request(t.url).get('/health/ready');
      body = res.body;
      return res.status === 200;
    }, 'ready');
    expect(body.status).toBe('ok');
    expect(body.checks).toMatchObject({
      postgres: { status: 'up' },
      redis: { status: 'up' },
      worker: { status: 'up' },
    });
  });

  it('answers an unknown route with a problem document carrying a code and the correlation id', async () => {
    const res = await request(t.url).get('/api/v1/nothing-here').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      title: 'Not Found',
      instance: '/api/v1/nothing-here',
      type: 'urn:lapor-bridge:problem:not-found',
    });
    expect(res.body.correlationId).toBe(res.headers['x-correlation-id']);
  });

  it('keeps a caller-supplied correlation id and replaces an unacceptable one', async () => {
    const mine = 'req-0123456789abcdef';
    const res = await request(t.url).get('/nope').set('x-correlation-id', mine).expect(404);
    expect(res.headers['x-correlation-id']).toBe(mine);
    expect(res.body.correlationId).toBe(mine);
    const bad = await request(t.url).get('/nope').set('x-correlation-id', '<script>').expect(404);
    expect(bad.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a body over the limit with 413 and malformed JSON with 400, as problem documents', async () => {
    const big = await request(t.url)
      .post('/api/v1/auth/whoami')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(4096) }))
      .expect(413);
    expect(big.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);

    const bad = await request(t.url)
      .post('/api/v1/auth/whoami')
      .set('content-type', 'application/json')
      .send('{"unterminated": ')
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'MALFORMED_JSON', status: 400 });
  });

  it('sends security headers and hides the framework', async () => {
    const res = await request(t.url).get('/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('publishes OpenAPI at /api/docs-json and the UI at /api/docs', async () => {
    const json = await request(t.url).get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/health/live', '/health/ready', '/api/v1/auth/whoami']),
    );
    expect(json.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ui = await request(t.url).get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger-ui');
  });
});
