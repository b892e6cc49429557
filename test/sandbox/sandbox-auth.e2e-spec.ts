import request from 'supertest';
import { API_KEY, AUTH, TOKEN, makeSandbox, rows } from './sandbox.helper';

describe('LAPOR! sandbox: authentication (LAPOR-API.md "Transport")', () => {
  const sandbox = makeSandbox({ seedDemo: true });
  const app = () => request(sandbox.app);

  it('accepts the right bearer key and token', async () => {
    const res = await app().get('/complaints/inbox').set(AUTH).expect(200);
    expect(res.body.success).toBe(true);
  });

  it.each([
    ['no auth header', { token: TOKEN }],
    ['a wrong key', { Authorization: 'Bearer nope', token: TOKEN }],
    ['the key without "Bearer"', { Authorization: API_KEY, token: TOKEN }],
    ['no token header', { Authorization: `Bearer ${API_KEY}` }],
    [
      'a wrong token',
      { Authorization: `Bearer ${API_KEY}`, token: '{00000000-0000-4000-8000-000000000001}' },
    ],
  ])('refuses %s with 401 and the LAPOR! error envelope', async (_case, headers) => {
    const res = await app().get('/complaints/inbox').set(headers).expect(401);
    expect(res.body).toEqual({ success: false, message: expect.any(String) });
  });

  it('refuses every LAPOR! endpoint without credentials, but not the control API', async () => {
    await app().get('/masters/templates').expect(401);
    await app().post('/complaints/followup/add').send({}).expect(401);
    await app().get('/_sandbox/complaints').expect(200);
  });

  it('reads the bearer key from a custom header name, case-insensitively', async () => {
    const legacy = makeSandbox({ authHeader: 'auth' });
    await request(legacy.app)
      .get('/complaints/inbox')
      .set({ AUTH: `Bearer ${API_KEY}`, token: TOKEN })
      .expect(200);
    await request(legacy.app).get('/complaints/inbox').set(AUTH).expect(401);
  });

  it('keeps credentials out of the request log', async () => {
    await app().get('/masters/institutions/external').set(AUTH).expect(200);
    const log = await app().get('/_sandbox/requests?path=/masters/institutions').expect(200);
    expect(rows(log.body.data).at(-1)).toMatchObject({
      headers: { authorization: '[redacted]', token: '[redacted]' },
    });
    expect(JSON.stringify(log.body)).not.toContain(API_KEY);
  });
});
