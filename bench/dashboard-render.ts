import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/browser';
import { percentile } from './stats';

/**
 * The dashboard's first render as a monitor sees it: signed in, open /dashboard in a fresh tab and
 * wait until the page says it is ready (summary tiles, charts and breach list filled from the
 * reports API: body[data-state="ready"]); the time is the page's own performance mark `lb-ready`,
 * counted from the navigation's start. Headless Debian Chromium; null when it is not installed.
 */
export async function timeDashboard(
  url: string,
  token: string,
  rounds: number,
): Promise<{ p50Ms: number; samplesMs: number[] } | null> {
  if (!existsSync(CHROMIUM_PATH)) return null;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    // Sign in as the form does. The bridge runs with NODE_ENV=production, so its cookie is Secure,
    // which a browser keeps only over HTTPS: the bench takes it from the answer and hands it to the
    // browser for plain http://127.0.0.1. The form's CSRF token is a double submit (the same value
    // in the lb_dash_csrf cookie and the _csrf field), so the bench makes one up as a browser would
    // receive it from GET /dashboard/login.
    const csrf = randomBytes(32).toString('base64url');
    const res = await fetch(new URL('/dashboard/login', url), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Sec-Fetch-Site': 'same-origin',
        Cookie: `lb_dash_csrf=${csrf}`,
      },
      body: new URLSearchParams({ token, _csrf: csrf }).toString(),
      redirect: 'manual',
    });
    const cookie = /^lb_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    if (res.status !== 303 || !cookie) throw new Error(`dashboard: sign-in answered ${res.status}`);
    const context = await browser.newContext();
    await context.addCookies([
      { name: 'lb_session', value: cookie, url, httpOnly: true, sameSite: 'Strict' },
    ]);
    const samples: number[] = [];
    for (let k = 0; k < rounds; k++) {
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(new URL('/dashboard', url).toString());
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page
        .waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 60_000 })
        .catch(async (e: Error) => {
          const text = (await page.textContent('body').catch(() => ''))?.slice(0, 300);
          throw new Error(
            `dashboard: not ready at ${page.url()} (${e.message.split('\n')[0]}); page: ${text}; errors: ${errors.join(' | ')}`,
          );
        });
      if ((await page.getAttribute('body', 'data-state')) !== 'ready')
        throw new Error('dashboard: the page reported an error');
      // From the navigation's start to the page's own "ready" mark: the render the monitor waits for
      // (the new tab's process start-up, a cost of the harness, is not in it).
      // (A string: this file's `performance` is Node's, the page's is the browser's.)
      const readyAt = await page.evaluate<number | null>(
        "performance.getEntriesByName('lb-ready')[0]?.startTime ?? null",
      );
      samples.push(readyAt ?? performance.now() - started);
      await page.close();
    }
    return { p50Ms: percentile(samples, 50), samplesMs: samples };
  } finally {
    await browser.close();
  }
}
