import { HttpAdapterHost } from '@nestjs/core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { ConfigService } from '../../src/core/config/config.service';
import { CONSOLE_COOKIE, UserSessionService } from '../../src/modules/auth/user-session.service';
import { LOCKOUT_THRESHOLD, UserService } from '../../src/modules/auth/user.service';
import { runCli } from '../helpers/run-cli';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';
import { createUser, csrfOf, signedInAgent, TEST_PASSWORD, type TestUser } from './console.helper';

/**
 * Issue 8's security checks of the console: a CSRF token on every form post, the session cookie's
 * flags, the lockout, sign-out ending the session in Postgres, and no personal data of an anonymous
 * reporter in any page's HTML, for any role.
 */

/** An anonymous reporter whose identity must never reach a page. */
const HIDDEN = {
  name: 'Bagus Tanpanama Suryo',
  email: 'bagus.tanpanama@example.org',
  phone: '+81 90-4417-0002',
};

/** Every POST route of the console, read from the running app's router (nothing hand-listed). */
function consolePostRoutes(bed: WorkflowBed): string[] {
  const app = bed.t.app.get(HttpAdapterHost).httpAdapter.getInstance<{
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  }>();
  return (
    app.router.stack
      .map((l) => l.route)
      .filter((r): r is { path: string; methods: Record<string, boolean> } => !!r && !!r.methods.post)
      .map((r) => r.path)
      // (console/*path is the form body parser's middleware, not a page.)
      .filter((p) => (p.startsWith('/console') || p.startsWith('/dashboard')) && !p.includes('*'))
  );
}

describe('console security', () => {
  let bed: WorkflowBed;
  let ds: DataSource;
  let admin: TestUser;
  let handler: TestUser;
  let anonymousId: string;

  beforeAll(async () => {
    bed = await startWorkflowBed('console-security');
    ds = bed.t.app.get(DataSource);
    admin = await createUser(bed, 'admin');
    handler = await createUser(bed, 'handler', 'osaka');
    [{ id: anonymousId }] = await bed.intake([
      osakaComplaint({ title: 'Perlakuan petugas loket', is_anonymous: true, reporter: HIDDEN }),
    ]);
  });
  afterAll(() => bed?.close());

  it('refuses every form post of the console without the page’s CSRF token, with a wrong one, or from another site', async () => {
    const routes = consolePostRoutes(bed);
    // Sign-in, sign-out, password, the complaint actions and the admin forms at least.
    expect(routes.length).toBeGreaterThanOrEqual(12);
    expect(routes).toEqual(
      expect.arrayContaining(['/console/login', '/console/logout', '/console/password']),
    );
    const { agent, csrf } = await signedInAgent(bed, admin);
    const token = await csrf();
    const concrete = (path: string) =>
      path
        .replace(':id', anonymousId)
        .replace(':code', 'osaka')
        .replace(':action', 'acknowledge')
        .replace(/:(\w+)/g, 'x');
    for (const route of routes) {
      const path = concrete(route);
      for (const [why, body, headers] of [
        ['no token', {}, {}],
        ['a wrong token', { _csrf: `${token.slice(0, -2)}xx` }, {}],
        ['another session’s token', { _csrf: 'A'.repeat(43) }, {}],
        ['a cross-site post', { _csrf: token }, { 'Sec-Fetch-Site': 'cross-site' }],
      ] as const) {
        const res = await agent
          .post(path)
          .type('form')
          .set(headers as Record<string, string>)
          .send(body);
        expect({ route, why, status: res.status }).toEqual({ route, why, status: 403 });
        // The console's pages name the code; the dashboard's token forms say it in words.
        if (route.startsWith('/console')) expect(res.text).toContain('CSRF_TOKEN_INVALID');
        expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/lb_console=[^;]|lb_session=[^;]/);
      }
    }
    // The same token is accepted: the refusals above were the token's doing, not the route's.
    const out = await agent.post('/console/logout').type('form').send({ _csrf: token });
    expect(out.status).toBe(303);
  });

  it('sets the session cookie httpOnly, SameSite=Strict, for the whole site, and ends it on sign-out', async () => {
    const agent = request.agent(bed.t.url);
    const login = await agent.get('/console/login').expect(200);
    const res = await agent
      .post('/console/login')
      .type('form')
      .send({ _csrf: csrfOf(login.text), email: handler.email, password: TEST_PASSWORD })
      .expect(303);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith(`${CONSOLE_COOKIE}=`),
    )!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    const secret = /^lb_console=([^;]+)/.exec(cookie)![1];
    // Only the SHA-256 of the secret is stored.
    expect(await ds.query(`SELECT 1 FROM user_sessions WHERE secret_hash = $1`, [secret])).toEqual([]);

    const inbox = await agent.get('/console/inbox').expect(200);
    await agent
      .post('/console/logout')
      .type('form')
      .send({ _csrf: csrfOf(inbox.text) })
      .expect(303);
    const [session] = await ds.query<{ end_reason: string }[]>(
      `SELECT end_reason FROM user_sessions WHERE user_id = $1 AND ended_at IS NOT NULL`,
      [handler.id],
    );
    expect(session.end_reason).toBe('logout');
    // The old cookie, replayed by someone who copied it, opens nothing.
    const replay = await request(bed.t.url)
      .get('/console/inbox')
      .set('Cookie', `${CONSOLE_COOKIE}=${secret}`);
    expect(replay.status).toBe(302);
    expect(replay.headers.location).toMatch(/^\/console\/login/);
    const api = await request(bed.t.url)
      .get('/api/v1/complaints')
      .set('Cookie', `${CONSOLE_COOKIE}=${secret}`);
    expect(api.status).toBe(401);
  });

  it('marks the cookie Secure in production', () => {
    const cookieIn = (env: Record<string, string>) =>
      new UserSessionService(ds, {
        isProduction: env.NODE_ENV === 'production',
      } as ConfigService).cookieOptions();
    expect(cookieIn({ NODE_ENV: 'production' })).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'strict',
    });
    // Over plain HTTP in development and tests a Secure cookie would never come back.
    expect(cookieIn({ NODE_ENV: 'test' })).toMatchObject({
      secure: false,
      httpOnly: true,
      sameSite: 'strict',
    });
  });

  it(`locks an account after ${LOCKOUT_THRESHOLD} wrong passwords: even the right one is refused until an admin unlocks it, and only the right one learns of the lock`, async () => {
    const victim = await createUser(bed, 'handler', 'osaka');
    const attempt = async (password: string) => {
      const agent = request.agent(bed.t.url);
      const form = await agent.get('/console/login').expect(200);
      return agent
        .post('/console/login')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email: victim.email, password });
    };
    for (let i = 0; i < LOCKOUT_THRESHOLD - 1; i++) {
      const r = await attempt('salah-salah-salah');
      expect(r.status).toBe(401);
      expect(r.text).toContain('Surel atau kata sandi salah.');
    }
    // The locking try and any wrong password after it say nothing of a lock: a guesser cannot tell
    // an account from none (an unknown e-mail answers the same).
    for (const password of ['salah-salah-salah', 'masih-salah-juga']) {
      const r = await attempt(password);
      expect(r.status).toBe(401);
      expect(r.text).toContain('Surel atau kata sandi salah.');
      expect(r.text).not.toContain('dikunci');
    }
    const right = await attempt(TEST_PASSWORD);
    expect(right.status).toBe(401);
    expect(right.text).toContain('Akun dikunci sampai');
    expect(right.headers['set-cookie']?.toString() ?? '').not.toContain(CONSOLE_COOKIE);
    const audit = await ds.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE subject = $1 ORDER BY id`,
      [`user:${victim.id}`],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'user.create',
      ...Array(LOCKOUT_THRESHOLD - 1).fill('user.login_failed'),
      'user.locked',
    ]);
    await bed.t.app.get(UserService).unlock(victim.id, `user:${admin.id}`);
    expect((await attempt(TEST_PASSWORD)).status).toBe(303);
  });

  it('a one-time password from `user:create` signs in once to the password page, which ends the other sessions', async () => {
    const db = { DATABASE_URL: bed.t.db.url };
    const out = await runCli(
      db,
      'user:create',
      '--email',
      'Petugas.Baru@Kemlu.test',
      '--role',
      'handler',
      '--mission',
      'osaka',
    );
    expect(out.code).toBe(0);
    const oneTime = out.stdout.trim();
    expect(oneTime).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/);
    const user: TestUser = {
      id: '',
      email: 'petugas.baru@kemlu.test',
      password: oneTime,
      role: 'handler',
      missionCode: 'osaka',
    };
    const { agent } = await signedInAgent(bed, user);
    const other = await signedInAgent(bed, user);
    // Anything but the password page sends them there.
    const inbox = await agent.get('/console/inbox');
    expect(inbox.status).toBe(303);
    expect(inbox.headers.location).toBe('/console/password');
    const page = await agent.get('/console/password').expect(200);
    const weak = await agent
      .post('/console/password')
      .type('form')
      .send({ _csrf: csrfOf(page.text), current: oneTime, password: 'pendek', confirm: 'pendek' });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('minimal 10 karakter');
    const done = await agent
      .post('/console/password')
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        current: oneTime,
        password: 'paspor-hijau-2026',
        confirm: 'paspor-hijau-2026',
      });
    expect(done.status).toBe(303);
    expect((await agent.get('/console/inbox')).status).toBe(200);
    // The other browser's session ended with the change.
    const stale = await other.agent.get('/console/inbox');
    expect(stale.status).toBe(302);
    // Bad input to the CLI is a clear message, not a stack trace.
    const bad = await runCli(db, 'user:create', '--email', 'not-an-email', '--role', 'handler');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--email: must be an e-mail address');
    expect(bad.stderr).toContain('--mission');
  });

  it('shows no personal data of an anonymous reporter in any page, to any role', async () => {
    const roles: [TestUser['role'], string?][] = [
      ['handler', 'osaka'],
      ['supervisor', 'osaka'],
      ['monitor'],
      ['admin'],
    ];
    const pages = [
      '/console/inbox',
      `/console/inbox?q=${encodeURIComponent('loket')}`,
      `/console/complaints/${anonymousId}`,
      '/console/breaches',
      '/console/missions',
      '/console/admin/quarantine',
      '/console/admin/dead-letters',
      '/dashboard',
      `/dashboard/complaints/${anonymousId}`,
    ];
    let seen = 0;
    for (const [role, mission] of roles) {
      const { agent } = await signedInAgent(bed, await createUser(bed, role, mission));
      for (const path of pages) {
        const res = await agent.get(path);
        if (res.status !== 200) continue;
        seen++;
        const html = res.text.toLowerCase();
        for (const v of [HIDDEN.name, HIDDEN.email, HIDDEN.phone, HIDDEN.phone.replace(/\D/g, '')])
          expect({ role, path, found: html.includes(v.toLowerCase()) ? v : null }).toEqual({
            role,
            path,
            found: null,
          });
      }
      // The complaint page itself was among them, for the roles that may open it.
      if (role !== 'handler' || mission === 'osaka')
        expect((await agent.get(`/console/complaints/${anonymousId}`)).status).toBe(200);
    }
    expect(seen).toBeGreaterThanOrEqual(16);
  });
});
