import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/browser';
import { percentile } from './stats';

/**
 * The dashboard's first render as a monitor sees it: signed in, open /dashboard in a fresh tab and
 * wait until the page says it is ready (summary tiles, charts and breach list filled from the
 * reports API: body[data-state="ready"]). Headless Debian Chromium; null when it is not installed.
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
    const context = await browser.newContext();
    const login = await context.newPage();
    await login.goto(new URL('/dashboard/login', url).toString());
    await login.fill('#token', token);
    await Promise.all([login.waitForURL(/\/dashboard$/), login.click('button[type="submit"]')]);
    await login.close();
    const samples: number[] = [];
    for (let k = 0; k < rounds; k++) {
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(new URL('/dashboard', url).toString());
      await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 60_000 });
      if ((await page.getAttribute('body', 'data-state')) !== 'ready')
        throw new Error('dashboard: the page reported an error');
      samples.push(performance.now() - started);
      await page.close();
    }
    return { p50Ms: percentile(samples, 50), samplesMs: samples };
  } finally {
    await browser.close();
  }
}
