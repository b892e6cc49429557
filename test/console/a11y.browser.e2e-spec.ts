import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchErrors } from '../helpers/browser';
import { waitFor } from '../helpers/wait-for';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';
import { createUser, signInPage, type TestUser } from './console.helper';

/**
 * Issue 8: axe-core (WCAG 2.1 A and AA rules) on the console's sign-in, inbox and complaint pages,
 * in both languages and on a laptop and a phone screen: no serious or critical violation. Also the
 * keyboard path a handler takes: skip link, then the inbox's first complaint, by Tab and Enter.
 */

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown }[];
}

const SCREENS = [
  { name: 'laptop', viewport: { width: 1366, height: 768 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return (result.violations as Violation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
}

describe('console accessibility (axe-core in Chromium)', () => {
  let bed: WorkflowBed;
  let browser: Browser;
  let handler: TestUser;
  let complaintId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    bed = await startWorkflowBed('console-a11y');
    handler = await createUser(bed, 'handler', 'osaka');
    const made = await bed.intake([
      osakaComplaint({ title: 'Paspor hilang di Osaka' }),
      osakaComplaint({
        title: 'WNI ditahan polisi di Osaka',
        content: 'Adik saya ditahan polisi di Osaka sejak kemarin.',
      }),
    ]);
    complaintId = made[1].id;
    // Their arrival notices (the notify job runs after routing), for the nav's badge.
    const api = await bed.as('handler', 'osaka');
    await waitFor(
      async () => (await api.get('/api/v1/notifications').expect(200)).body.data.length >= 2,
      'the two arrival notices',
    );
  });
  afterAll(async () => {
    await browser?.close();
    await bed?.close();
  });

  for (const screen of SCREENS) {
    for (const locale of ['id', 'en'] as const) {
      it(`sign-in, inbox, complaint and notifications pages on a ${screen.name} in ${locale}: no serious or critical violations`, async () => {
        const context = await browser.newContext({ viewport: screen.viewport });
        try {
          const page = await context.newPage();
          const errors = watchErrors(page);
          await page.goto(`${bed.t.url}/console/lang/${locale}?next=/console/login`);
          expect(await page.getAttribute('html', 'lang')).toBe(locale);
          const found: Record<string, string[]> = {};
          found.signIn = await seriousViolations(page);
          await signInPage(page, bed.t.url, handler);
          expect(new URL(page.url()).pathname).toBe('/console/inbox');
          found.inbox = await seriousViolations(page);
          // The nav's unread badge is on every page (the two complaints routed to Osaka).
          expect(await page.textContent('#nav-unread [aria-hidden="true"]')).toBe('2');
          const widths = async () =>
            page.evaluate<[number, number]>(
              '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
            );
          await page.goto(`${bed.t.url}/console/complaints/${complaintId}`);
          found.complaint = await seriousViolations(page);
          // Nothing is wider than the screen (no sideways scrolling on a phone).
          const [scrollWidth, clientWidth] = await widths();
          expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
          await page.goto(`${bed.t.url}/console/notifications`);
          found.notifications = await seriousViolations(page);
          const [listWidth, listClient] = await widths();
          expect(listWidth).toBeLessThanOrEqual(listClient);
          expect(found).toEqual({ signIn: [], inbox: [], complaint: [], notifications: [] });
          expect(errors.take()).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }

  it('works from the keyboard: the skip link, then a complaint opened with Tab and Enter', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const page = await context.newPage();
      await signInPage(page, bed.t.url, handler);
      await page.keyboard.press('Tab');
      expect(await page.evaluate<string>('document.activeElement.className')).toBe('skip');
      await page.keyboard.press('Enter');
      // From the main content, Tab reaches a link to a complaint; Enter opens it.
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const href = await page.evaluate<string | null>("document.activeElement.getAttribute('href')");
        if (href?.startsWith('/console/complaints/')) break;
      }
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(new URL(page.url()).pathname).toMatch(/^\/console\/complaints\/[0-9a-f-]{36}$/);
    } finally {
      await context.close();
    }
  });
});
