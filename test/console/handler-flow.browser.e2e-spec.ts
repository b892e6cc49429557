import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SlaSweepService } from '../../src/modules/sla/sla-sweep.service';
import { artifactsDir, launchBrowser, watchErrors } from '../helpers/browser';
import { waitFor } from '../helpers/wait-for';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';
import { createUser, signInPage, type TestUser } from './console.helper';

/**
 * A handler's day in the console, in headless Chromium (SPEC.md "Web console", issue 8): sign in,
 * the mission's inbox, an urgent complaint and why it came, acknowledge, a public follow-up from a
 * template that LAPOR! receives, another mission refused, a supervisor's transfer, a monitor who
 * only reads, and a stale tab that cannot overwrite a colleague's change. No console errors, except
 * the refusals a step asks for (the browser logs the 403/404 page it was given).
 */

/**
 * test/artifacts keeps every run's screenshots; `npm run screenshots` (UPDATE_SCREENSHOTS=1) also
 * refreshes the README's copies in docs/screenshots.
 */
const DOCS_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const REFUSED = /Failed to load resource: the server responded with a status of (403|404|409)/;

/** The few browser globals read inside the page (the project compiles without the DOM lib). */
interface PageGlobals {
  document: {
    documentElement: { scrollWidth: number; clientWidth: number };
    body: { scrollWidth: number; appendChild(n: unknown): void };
    querySelector(s: string): { value: string } | null;
    createElement(tag: string): {
      method: string;
      action: string;
      appendChild(n: unknown): void;
      submit(): void;
      name: string;
      value: string;
      type: string;
    };
  };
}

describe('handler console in a browser', () => {
  let bed: WorkflowBed;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let urgentId: string;
  let transferId: string;
  let staleId: string;
  let handler: TestUser;
  let tokyoHandler: TestUser;
  let supervisor: TestUser;
  let monitor: TestUser;

  /** A fresh profile (no cookies) signed in as the user, with a page whose errors are watched. */
  const open = async (user: TestUser, viewport = { width: 1366, height: 900 }) => {
    const context = await browser.newContext({ viewport, locale: 'id-ID' });
    contexts.push(context);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signInPage(page, bed.t.url, user);
    return { context, page, errors };
  };
  const go = async (page: Page, path: string) => (await page.goto(`${bed.t.url}${path}`))!.status();
  /** Submits the form of the button and waits for the page it leads to. */
  const submit = async (page: Page, selector: string) => {
    const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
    return res?.status();
  };
  const shoot = async (page: Page, name: string) => {
    const path = join(artifactsDir(), name);
    await page.screenshot({ path, fullPage: true });
    if (process.env.UPDATE_SCREENSHOTS !== '1') return;
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    copyFileSync(path, join(DOCS_SCREENSHOTS, name));
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    bed = await startWorkflowBed('console-handler-browser');
    const [urgent, toTransfer, stale] = await bed.intake([
      osakaComplaint({
        title: 'WNI ditahan polisi di Osaka',
        content:
          'Adik saya ditahan polisi di Osaka sejak Senin karena masalah visa kerja. Keluarga belum bisa menghubunginya. Mohon bantuan KJRI Osaka.',
      }),
      osakaComplaint({ title: 'SPLP belum terbit', content: 'Permohonan SPLP saya di Osaka belum terbit.' }),
      osakaComplaint({
        title: 'Legalisasi akta kelahiran',
        content: 'Legalisasi akta kelahiran di Osaka lama.',
      }),
      { title: 'Paspor hilang di Tokyo', content: 'Paspor saya hilang di Shinjuku, Tokyo.' },
    ]);
    urgentId = urgent.id;
    transferId = toTransfer.id;
    staleId = stale.id;
    // The SLA engine's sweep (scheduled, off in tests) computes the clocks the page shows.
    await bed.t.app.get(SlaSweepService).sweep();
    handler = await createUser(bed, 'handler', 'osaka', { displayName: 'Rina Handayani' });
    tokyoHandler = await createUser(bed, 'handler', 'tokyo', { displayName: 'Agus Setiawan' });
    supervisor = await createUser(bed, 'supervisor', 'osaka', { displayName: 'Dewi Kusuma' });
    monitor = await createUser(bed, 'monitor', undefined, { displayName: 'Pemantau DJPK' });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await bed?.close();
  });

  it('a handler sees their mission’s inbox, acknowledges an urgent complaint and follows up from a template', async () => {
    const { page, errors } = await open(handler);
    expect(new URL(page.url()).pathname).toBe('/console/inbox');
    const rows = page.locator('#inbox-table tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await page.textContent('#inbox-table')).not.toContain('Paspor hilang di Tokyo');
    const urgentRow = page.locator(`tr[data-id="${urgentId}"]`);
    expect(await urgentRow.locator('.badge.urgent').textContent()).toBe('Mendesak');
    await shoot(page, 'inbox.png');

    await Promise.all([page.waitForNavigation(), urgentRow.locator('a.complaint-link').click()]);
    expect(new URL(page.url()).pathname).toBe(`/console/complaints/${urgentId}`);
    const routing = await page.textContent('#routing');
    expect(routing).toContain('Mengapa pengaduan ini ke kami?');
    expect(routing).toMatch(/Tingkat keyakinan/);
    expect(await page.textContent('#sla')).toContain('Tanda terima');

    expect(await submit(page, '#action-acknowledge button[type=submit]')).toBe(200);
    expect(await page.textContent('.flash.ok')).toContain('Pengaduan telah diterima');
    expect(await page.locator('#action-acknowledge').count()).toBe(0);

    await page.click('#action-followups summary');
    await page.selectOption('#tpl-followups', 'id:followup-protection-in-progress');
    const filled = await page.inputValue('#text-followups');
    expect(filled).toContain('Menindaklanjuti laporan');
    expect(filled).toContain('KJRI Osaka');
    expect(await submit(page, '#action-followups button[type=submit]')).toBe(200);
    expect(await page.textContent('.flash.ok')).toContain('diantrekan untuk dikirim ke LAPOR!');

    // The sync worker sends it to LAPOR! (the sandbox); reloading shows when it has arrived.
    await waitFor(async () => {
      await page.reload();
      return (
        (await page.locator('.followup[data-visibility="public"] .sync-state').textContent()) ===
        'Terkirim ke LAPOR!'
      );
    }, 'the public follow-up is marked as sent to LAPOR!');
    const laporId = (await (await bed.as('admin')).get(`/api/v1/complaints/${urgentId}`)).body
      .laporId as string;
    expect(JSON.stringify(bed.sandbox.store.followupsOf(laporId))).toContain('Menindaklanjuti laporan');
    // The next SLA sweep sees the acknowledgement and the follow-up: those clocks are met.
    await bed.t.app.get(SlaSweepService).sweep();
    await page.reload();
    expect(await page.getAttribute('#sla li[data-clock="acknowledgement"]', 'data-state')).toBe('met');
    await shoot(page, 'complaint.png');
    expect(errors.take()).toEqual([]);
  });

  it('fits a phone: the complaint page has no horizontal scroll', async () => {
    const { page, errors } = await open(handler, { width: 390, height: 844 });
    expect(await go(page, `/console/complaints/${urgentId}`)).toBe(200);
    const { scroll, width } = await page.evaluate(() => {
      const d = (globalThis as unknown as PageGlobals).document;
      return { scroll: d.documentElement.scrollWidth, width: d.documentElement.clientWidth };
    });
    expect(scroll).toBeLessThanOrEqual(width);
    expect(await go(page, '/console/inbox')).toBe(200);
    const inbox = await page.evaluate(() => {
      const d = (globalThis as unknown as PageGlobals).document;
      return d.documentElement.scrollWidth - d.documentElement.clientWidth;
    });
    expect(inbox).toBeLessThanOrEqual(0);
    expect(errors.take()).toEqual([]);
  });

  it('another mission’s handler cannot open the complaint by its URL', async () => {
    const { page, errors } = await open(tokyoHandler);
    expect(await page.locator(`tr[data-id="${urgentId}"]`).count()).toBe(0);
    expect(await go(page, `/console/complaints/${urgentId}`)).toBe(404);
    expect(await page.getAttribute('code[data-code]', 'data-code')).toBe('COMPLAINT_NOT_FOUND');
    expect(await page.textContent('body')).not.toContain('ditahan');
    expect(errors.take().filter((e) => !REFUSED.test(e))).toEqual([]);
  });

  it('a supervisor transfers a complaint to another mission', async () => {
    const { page, errors } = await open(supervisor);
    expect(await go(page, `/console/complaints/${transferId}`)).toBe(200);
    await page.click('#action-transfer summary');
    await page.selectOption('#mission-transfer', 'tokyo');
    await page.fill('#text-transfer', 'Pelapor berdomisili di Tokyo, wilayah kerja KBRI Tokyo.');
    page.once('dialog', (d) => void d.accept());
    expect(await submit(page, '#action-transfer button[type=submit]')).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/console/inbox');
    expect(await page.textContent('.flash.ok')).toContain('Pengaduan telah dialihkan');
    expect(await page.locator(`tr[data-id="${transferId}"]`).count()).toBe(0);
    const tokyo = await (
      await bed.as('handler', 'tokyo')
    )
      .get(`/api/v1/complaints/${transferId}`)
      .expect(200);
    expect(tokyo.body.missionCode).toBe('tokyo');
    expect(errors.take()).toEqual([]);
  });

  it('a monitor reads the dashboard and complaints, has no action buttons, and is refused a post', async () => {
    const { page, errors } = await open(monitor);
    expect(await go(page, '/dashboard')).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 20_000 });
    expect(await page.getAttribute('body', 'data-state')).toBe('ready');

    expect(await go(page, `/console/complaints/${urgentId}`)).toBe(200);
    expect(await page.locator('details.action').count()).toBe(0);
    expect(await page.locator('main form[method="post"]').count()).toBe(0);
    expect(await page.textContent('#read-only')).toContain('hanya dapat membaca');

    // A form the page does not offer, posted from the page itself (same origin, the session's token).
    await Promise.all([
      page.waitForNavigation(),
      page.evaluate((id) => {
        const d = (globalThis as unknown as PageGlobals).document;
        const csrf = d.querySelector('input[name="_csrf"]')!.value;
        const form = d.createElement('form');
        form.method = 'post';
        form.action = `/console/complaints/${id}/acknowledge`;
        for (const [name, value] of [
          ['_csrf', csrf],
          ['version', '1'],
        ]) {
          const input = d.createElement('input');
          input.type = 'hidden';
          input.name = name;
          input.value = value;
          form.appendChild(input);
        }
        d.body.appendChild(form);
        form.submit();
      }, urgentId),
    ]);
    expect(await page.getAttribute('code[data-code]', 'data-code')).toBe('FORBIDDEN_ROLE');
    expect(errors.take().filter((e) => !REFUSED.test(e))).toEqual([]);
  });

  it('a stale tab cannot overwrite: acting on an old page shows the concurrency message and keeps the text', async () => {
    const { context, page: first, errors } = await open(handler);
    const second = await context.newPage();
    const secondErrors = watchErrors(second);
    expect(await go(first, `/console/complaints/${staleId}`)).toBe(200);
    expect(await go(second, `/console/complaints/${staleId}`)).toBe(200);

    expect(await submit(first, '#action-acknowledge button[type=submit]')).toBe(200);
    expect(await first.textContent('.flash.ok')).toContain('Pengaduan telah diterima');

    await second.click('#action-followups summary');
    await second.check('input[name="visibility"][value="internal"]');
    await second.fill('#text-followups', 'Catatan dari tab lama');
    expect(await submit(second, '#action-followups button[type=submit]')).toBe(409);
    expect(await second.textContent('#action-error')).toContain('baru saja diubah oleh orang lain');
    expect(await second.inputValue('#text-followups')).toBe('Catatan dari tab lama');
    // The page now shows the colleague's change: acknowledged, no acknowledge form.
    expect(await second.locator('#action-acknowledge').count()).toBe(0);
    const c = await (await bed.as('admin')).get(`/api/v1/complaints/${staleId}`).expect(200);
    expect(c.body.status).toBe('acknowledged');
    expect(JSON.stringify(c.body.followUps)).not.toContain('Catatan dari tab lama');
    expect(errors.take()).toEqual([]);
    expect(secondErrors.take().filter((e) => !REFUSED.test(e))).toEqual([]);
  });
});
