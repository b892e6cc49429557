import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { QUEUE_NAMES } from '../../src/core/queue/queue.contract';
import { SESSION_COOKIE } from '../../src/modules/auth/session.service';
import { TokenService } from '../../src/modules/auth/token.service';
import { SlaSweepService } from '../../src/modules/sla/sla-sweep.service';
import { artifactsDir, launchBrowser, watchErrors } from '../helpers/browser';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';

/**
 * The ministry dashboard in a real browser (SPEC.md "SLA and reports": a dashboard page for
 * monitors that works in a real browser): sign-in with a token, the session cookie, the charts
 * drawn from the reports API, the breach list through to the complaint page, and Bull Board for
 * admins. Any console error or page error fails the test, except on the steps that must be refused
 * (the browser logs the 401 or 403 of the page it was given).
 */

const DAY_MS = 24 * 3600 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString();
/** Chromium logs every page or fetch answered with an error status; expected on refusals only. */
/** A complaint title that would run a script if the page ever treated data as HTML. */
const MARKUP_TITLE = '<img src=x onerror="document.body.dataset.xss=1">Paspor <b>rusak</b>';
/**
 * The few browser globals the tests read inside the page (the project compiles without the DOM
 * lib, so they are typed here). Cast globalThis to it inside page.evaluate(): the function runs in
 * the page, where nothing from this file exists.
 */
interface PageGlobals {
  document: { cookie: string; getElementById(id: string): unknown };
  Chart: {
    getChart(canvas: unknown): { data: { datasets: { data: (number | null)[] }[] } } | undefined;
  };
}
const REFUSED = /Failed to load resource: the server responded with a status of (401|403)/;
/** The dashboard's number formats (common.js `fmt`), for comparing its tiles with the API's figures. */
const idNum = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
const shown = {
  num: (n: number | null) => (n === null ? '—' : idNum.format(n)),
  days: (n: number | null) => (n === null ? '—' : `${idNum.format(n)} hari`),
  pct: (n: number | null) => (n === null ? '—' : `${idNum.format(n)}%`),
};
/** What the summary tiles should show for a KPI report. */
const tilesOf = (k: {
  count: number;
  followedUp: number;
  avgFollowUpDays: number | null;
  medianFollowUpDays: number | null;
  p90FollowUpDays: number | null;
  withinSlaPct: number | null;
  backlog: { open: number; breached: number };
}) => ({
  'tile-count': shown.num(k.count),
  'tile-followed-up': shown.num(k.followedUp),
  'tile-avg': shown.days(k.avgFollowUpDays),
  'tile-median': shown.days(k.medianFollowUpDays),
  'tile-p90': shown.days(k.p90FollowUpDays),
  'tile-within-sla': shown.pct(k.withinSlaPct),
  'tile-backlog': shown.num(k.backlog.open),
  'tile-breached': shown.num(k.backlog.breached),
});
/** The SLA clock labels of the complaint page (common.js CLOCKS). */
const CLOCK_LABELS: Record<string, string> = {
  acknowledgement: 'Tanda terima (Acknowledgement)',
  first_follow_up: 'Tindak lanjut pertama (First follow-up)',
  completion: 'Penyelesaian (Completion)',
};

describe('dashboard in a browser', () => {
  let bed: WorkflowBed;
  let browser: Browser;
  let complaints: { id: string; laporId: string; missionCode: string; status: string }[];
  const contexts: BrowserContext[] = [];

  /** A fresh browser profile (no cookies) with a page whose errors are watched. */
  const open = async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    contexts.push(context);
    const page = await context.newPage();
    return { context, page, errors: watchErrors(page) };
  };

  /** Fills the sign-in form and submits it; returns the status of the page it leads to. */
  const signIn = async (page: Page, token: string): Promise<number | undefined> => {
    await page.goto(`${bed.t.url}/dashboard/login`);
    await page.fill('#token', token);
    const [response] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.click('form.login button[type=submit]'),
    ]);
    return response?.status();
  };

  const ready = (page: Page) =>
    page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 20_000 });

  beforeAll(async () => {
    browser = await launchBrowser();
    bed = await startWorkflowBed('dashboard-browser');
    const old = { created_at: daysAgo(20), updated_at: new Date().toISOString() };
    complaints = await bed.intake([
      osakaComplaint(),
      osakaComplaint({ title: 'SPLP belum terbit', ...old }),
      osakaComplaint({ title: 'Legalisasi dokumen tertunda', ...old }),
      { title: 'Paspor hilang di Tokyo', content: 'Paspor saya hilang di Shinjuku, Tokyo.', ...old },
      {
        title: 'Perpanjangan paspor di Tokyo',
        content: 'Saya tinggal di Shinjuku, Tokyo. Bagaimana memperpanjang paspor?',
        created_at: daysAgo(40),
        updated_at: new Date().toISOString(),
        followups: [
          { author_type: 'institution', content: 'Silakan datang ke KBRI Tokyo.', created_at: daysAgo(38) },
        ],
      },
      // Europe, 5 days ago: a second region, and inside a shorter period.
      {
        title: 'Lapor diri di KBRI Berlin ditolak terus',
        content:
          'Saya tinggal di Berlin. Lapor diri saya di portal Peduli WNI untuk KBRI Berlin ditolak terus.',
        created_at: daysAgo(5),
        updated_at: new Date().toISOString(),
      },
      osakaComplaint({ title: MARKUP_TITLE }),
    ]);
    // The SLA engine's sweep (a scheduled job, off in tests) computes the clocks and the KPI facts:
    // the complaints dispositioned 20 days ago without a follow-up are breached by now.
    await bed.t.app.get(SlaSweepService).sweep();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await bed?.close();
  });

  it('sends a browser without a session to the sign-in form, and refuses a wrong token with a message', async () => {
    const { page, errors } = await open();
    await page.goto(`${bed.t.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    expect(errors.take()).toEqual([]);

    expect(await signIn(page, 'lbt_this-token-was-never-issued')).toBe(401);
    expect(await page.textContent('#login-error')).toContain('Token tidak dikenal');
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain(SESSION_COOKIE);
    expect(errors.take().filter((e) => !REFUSED.test(e))).toEqual([]);

    // helmet's CSP stays strict on the dashboard: scripts from this origin only, none inline.
    const csp = String((await request(bed.t.url).get('/dashboard/login')).headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("script-src-attr 'none'");
  });

  it('refuses a handler token with 403 and sets no session', async () => {
    const { page, errors } = await open();
    expect(await signIn(page, await bed.token('handler', 'osaka'))).toBe(403);
    expect(await page.textContent('#forbidden')).toContain('Dasbor hanya untuk peran monitor');
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain(SESSION_COOKIE);
    expect(errors.take().filter((e) => !REFUSED.test(e))).toEqual([]);
  });

  describe('as a monitor', () => {
    let page: Page;
    let context: BrowserContext;
    let errors: { take(): string[] };
    let monitorToken: string;

    beforeAll(async () => {
      ({ page, context, errors } = await open());
      monitorToken = await bed.token('monitor');
    });
    afterEach(() => expect(errors.take()).toEqual([]));

    it('signs in; the session cookie is HttpOnly, SameSite=Strict, for 8 hours', async () => {
      expect(await signIn(page, monitorToken)).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/dashboard');
      const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', secure: false });
      expect(cookie!.value).not.toContain(monitorToken);
      const hoursLeft = (cookie!.expires * 1000 - Date.now()) / 3600_000;
      expect(hoursLeft).toBeGreaterThan(7.9);
      expect(hoursLeft).toBeLessThanOrEqual(8);
      // Scripts cannot read it.
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.cookie)).not.toContain(
        SESSION_COOKIE,
      );
    });

    it('shows the summary tiles and draws the charts from the reports API', async () => {
      await ready(page);
      expect(await page.getAttribute('body', 'data-state')).toBe('ready');
      const from = await page.inputValue('#f-from');
      const to = await page.inputValue('#f-to');
      const api = await bed.as('monitor');
      const kpi = (await api.get(`/api/v1/reports/kpi?from=${from}&to=${to}`).expect(200)).body;
      expect(kpi.count).toBeGreaterThan(0);
      expect(await page.textContent('#tile-count')).toBe(String(kpi.count));
      expect(await page.textContent('#tile-backlog')).toBe(String(kpi.backlog.open));

      // Every chart is a Chart.js instance on its canvas; count the points each one draws.
      const points = await page.evaluate(() => {
        const { Chart, document } = globalThis as unknown as PageGlobals;
        const out: Record<string, number> = {};
        for (const name of ['sla', 'backlog', 'trend']) {
          const c = Chart.getChart(document.getElementById(`chart-${name}`));
          out[name] = c
            ? c.data.datasets.reduce((n, d) => n + d.data.filter((v) => v !== null).length, 0)
            : -1;
        }
        return out;
      });
      expect(points.trend).toBeGreaterThan(0);
      expect(points.backlog).toBeGreaterThan(0);
      const sla = (await api.get(`/api/v1/reports/sla?from=${from}&to=${to}`).expect(200)).body;
      expect((sla.data as { total: number }[]).some((r) => r.total > 0)).toBe(true);
      expect(points.sla).toBeGreaterThan(0);
      expect(await page.textContent('#tile-breached')).toBe(String(kpi.backlog.breached));
      expect(kpi.backlog.breached).toBeGreaterThan(0);

      // The region filter offers each region of the missions directory once.
      const missions = (await api.get('/api/v1/missions').expect(200)).body.data as { region?: string }[];
      const regions = [...new Set(missions.map((m) => m.region).filter(Boolean))].sort();
      const options = await page.$$eval('#f-region option', (os) =>
        os.map((o) => o.getAttribute('value') ?? ''),
      );
      expect(options).toEqual(['', ...regions]);

      const shot = join(artifactsDir(), 'dashboard.png');
      await page.screenshot({ path: shot, fullPage: true });
      // `npm run screenshots` refreshes the README's copy.
      if (process.env.UPDATE_SCREENSHOTS === '1')
        copyFileSync(shot, join(__dirname, '..', '..', 'docs', 'screenshots', 'dashboard.png'));
    });

    it('lists the open breaches; the first links to its read-only complaint page, breached clock shown', async () => {
      const api = await bed.as('monitor');
      const breaches = (await api.get('/api/v1/reports/breaches?limit=50').expect(200)).body.data as {
        complaintId: string;
        laporId: string;
        clock: string;
      }[];
      // Three complaints were dispositioned 20 days ago and never followed up: past every limit.
      expect(breaches.length).toBeGreaterThan(0);
      const links = page.locator('#breaches a.breach-link');
      expect(await links.count()).toBe(breaches.length);
      const target = breaches[0];
      await Promise.all([page.waitForNavigation(), links.first().click()]);
      expect(new URL(page.url()).pathname).toBe(`/dashboard/complaints/${target.complaintId}`);
      await ready(page);
      expect(await page.getAttribute('body', 'data-state')).toBe('ready');
      expect(await page.textContent('#c-facts')).toContain(target.laporId);
      expect(await page.locator('#c-timeline li').count()).toBeGreaterThan(0);

      // The SLA clocks table marks the breached clock: its row, its state and when it broke.
      expect(await page.isVisible('#c-clocks')).toBe(true);
      const row = page.locator('#c-clocks tbody tr.breached', { hasText: CLOCK_LABELS[target.clock] });
      expect(await row.count()).toBe(1);
      const cellsOf = await row.locator('td').allTextContents();
      expect(cellsOf[0]).toBe(CLOCK_LABELS[target.clock]);
      expect(cellsOf[9]).toBe('terlambat (breached)');
      expect(cellsOf[10]).not.toBe('—');
      const detail = (await api.get(`/api/v1/complaints/${target.complaintId}`).expect(200)).body as {
        sla: { clocks: { breached: boolean }[] };
      };
      expect(await page.locator('#c-clocks tbody tr.breached').count()).toBe(
        detail.sla.clocks.filter((c) => c.breached).length,
      );
      await page.screenshot({ path: join(artifactsDir(), 'dashboard-complaint.png'), fullPage: true });
    });

    it('filters by region and period: the tiles show GET /api/v1/reports/kpi with the same filters', async () => {
      await page.goto(`${bed.t.url}/dashboard`);
      await ready(page);
      const api = await bed.as('monitor');
      const kpiFor = async (q: Record<string, string>) =>
        (await api.get(`/api/v1/reports/kpi?${new URLSearchParams(q).toString()}`).expect(200)).body;
      const tiles = () =>
        page.$$eval('.tiles strong', (els) =>
          Object.fromEntries(els.map((e) => [e.id, e.textContent ?? ''])),
        );
      /** Submits the filters and waits for the figures they ask for. */
      const apply = async (expected: Record<string, string>) => {
        await Promise.all([
          page.waitForResponse((r) => {
            if (!r.url().includes('/api/v1/reports/kpi?')) return false;
            const q = new URL(r.url()).searchParams;
            return Object.entries(expected).every(([k, v]) => (q.get(k) ?? '') === v);
          }),
          page.click('#filters button[type=submit]'),
        ]);
        await ready(page);
        expect(await page.getAttribute('body', 'data-state')).toBe('ready');
      };

      const from = await page.inputValue('#f-from');
      const to = await page.inputValue('#f-to');
      const everything = await kpiFor({ from, to });
      expect(await tiles()).toEqual(tilesOf(everything));

      // A region: Berlin's complaint is Europe's only one.
      const berlin = complaints.find((c) => c.missionCode === 'berlin');
      expect(berlin).toBeDefined();
      await page.selectOption('#f-region', 'Eropa');
      await apply({ from, to, region: 'Eropa' });
      const europe = await kpiFor({ from, to, region: 'Eropa' });
      expect(europe.count).toBe(1);
      expect(await tiles()).toEqual(tilesOf(europe));
      expect(new URL(page.url()).searchParams.get('region')).toBe('Eropa');
      // The mission list narrows to the region, and the breach list follows it.
      const missionOptions = await page.$$eval('#f-mission option', (os) => os.map((o) => o.value));
      expect(missionOptions).toContain('berlin');
      expect(missionOptions).not.toContain('osaka');
      const regions = await page.$$eval('#breaches tbody tr td:nth-child(3)', (tds) =>
        tds.map((td) => td.textContent),
      );
      expect(regions.filter((r) => r !== 'Eropa')).toEqual([]);

      // Every region, the last 10 days: the complaints made 20 and 40 days ago drop out.
      const recent = new Date(Date.now() - 10 * DAY_MS).toISOString().slice(0, 10);
      await page.selectOption('#f-region', '');
      await page.fill('#f-from', recent);
      await apply({ from: recent, to, region: '' });
      const lastDays = await kpiFor({ from: recent, to });
      expect(lastDays.count).toBe(3); // the Osaka one of today, Berlin's, and the markup title
      expect(lastDays.count).toBeLessThan(everything.count);
      expect(await tiles()).toEqual(tilesOf(lastDays));
    });

    it("shows a complaint's text as text, never as markup", async () => {
      const c = complaints[complaints.length - 1];
      await page.goto(`${bed.t.url}/dashboard/complaints/${c.id}`);
      await ready(page);
      expect(await page.textContent('#c-title')).toBe(MARKUP_TITLE);
      expect(await page.locator('#c-title img, #c-title b').count()).toBe(0);
      expect(await page.getAttribute('body', 'data-xss')).toBeNull();
    });

    it('reads with the session but never writes with it', async () => {
      const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!;
      const jar = `${SESSION_COOKIE}=${cookie.value}`;
      await request(bed.t.url).get('/api/v1/auth/whoami').set('Cookie', jar).expect(200);
      const write = await request(bed.t.url)
        .post(`/api/v1/complaints/${complaints[0].id}/escalate`)
        .set('Cookie', jar)
        .send({ reason: 'lewat sesi' });
      expect([write.status, write.body.code]).toEqual([401, 'AUTH_REQUIRED']);
      const forged = await request(bed.t.url)
        .get('/api/v1/auth/whoami')
        .set('Cookie', `${SESSION_COOKIE}=${cookie.value.slice(0, -2)}xx`);
      expect([forged.status, forged.body.code]).toEqual([401, 'AUTH_INVALID_SESSION']);
      const crossSite = await request(bed.t.url)
        .post('/dashboard/login')
        .set('Origin', 'https://evil.example')
        .type('form')
        .send({ token: monitorToken });
      expect(crossSite.status).toBe(403);
      expect(crossSite.headers['set-cookie']).toBeUndefined();
    });

    it('signing out ends the session', async () => {
      await page.goto(`${bed.t.url}/dashboard`);
      await ready(page);
      await Promise.all([page.waitForNavigation(), page.click('#logout')]);
      expect(new URL(page.url()).pathname).toBe('/dashboard/login');
      expect((await context.cookies()).map((c) => c.name)).not.toContain(SESSION_COOKIE);
      await page.goto(`${bed.t.url}/dashboard`);
      expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    });

    it('revoking the token ends every session made with it at once', async () => {
      const token = (await bed.t.app.get(TokenService).create({ role: 'monitor', name: 'revoked later' }))
        .token;
      expect(await signIn(page, token)).toBe(200);
      await ready(page);
      const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!;
      const principal = await bed.t.app.get(TokenService).authenticate(token);
      await bed.t.app.get(TokenService).revoke(principal!.id);
      const res = await request(bed.t.url)
        .get('/api/v1/auth/whoami')
        .set('Cookie', `${SESSION_COOKIE}=${cookie.value}`);
      expect([res.status, res.body.code]).toEqual([401, 'AUTH_INVALID_SESSION']);
      await page.goto(`${bed.t.url}/dashboard`);
      expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    });
  });

  it("shows a supervisor their own mission's figures, without office filters", async () => {
    const { page, errors } = await open();
    expect(await signIn(page, await bed.token('supervisor', 'tokyo'))).toBe(200);
    await ready(page);
    expect(await page.getAttribute('body', 'data-state')).toBe('ready');
    const from = await page.inputValue('#f-from');
    const to = await page.inputValue('#f-to');
    const kpi = (
      await (await bed.as('supervisor', 'tokyo')).get(`/api/v1/reports/kpi?from=${from}&to=${to}`).expect(200)
    ).body;
    expect(await page.textContent('#tile-count')).toBe(String(kpi.count));
    expect(kpi.count).toBe(complaints.filter((c) => c.missionCode === 'tokyo').length);
    expect(await page.isVisible('#f-region')).toBe(false);
    expect(await page.isVisible('#queues-link')).toBe(false);
    expect(errors.take()).toEqual([]);
  });

  it('keeps the HTML routes out of the OpenAPI document (the access matrix covers /api/v1 only)', async () => {
    const doc = (await request(bed.t.url).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths).filter((p) => /^\/(dashboard|admin\/queues)/.test(p))).toEqual([]);
  });

  describe('Bull Board at /admin/queues', () => {
    it('answers admins with its page, monitors with 403 and anonymous callers with 401', async () => {
      const admin = await bed.as('admin');
      const page = await admin.get('/admin/queues').expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const monitor = await (await bed.as('monitor')).get('/admin/queues');
      expect([monitor.status, monitor.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
      const anonymous = await request(bed.t.url).get('/admin/queues');
      expect([anonymous.status, anonymous.body.code]).toEqual([401, 'AUTH_REQUIRED']);
      const api = await request(bed.t.url).get('/admin/queues/api/queues');
      expect(api.status).toBe(401);
    });

    it('shows every queue to an admin signed in to the dashboard, with no console error', async () => {
      const { page, errors } = await open();
      // Bull Board links a Google Fonts stylesheet; tests run offline, so answer it empty.
      await page.route('https://fonts.googleapis.com/**', (r) =>
        r.fulfill({ status: 200, contentType: 'text/css', body: '' }),
      );
      expect(await signIn(page, await bed.token('admin'))).toBe(200);
      await ready(page);
      await expect(page.isVisible('#queues-link')).resolves.toBe(true);
      await page.goto(`${bed.t.url}/admin/queues`);
      for (const queue of QUEUE_NAMES)
        await page.getByText(queue, { exact: true }).first().waitFor({ timeout: 20_000 });
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(artifactsDir(), 'bull-board.png') });
      expect(errors.take()).toEqual([]);
    });
  });
});
