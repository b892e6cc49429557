import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Headless Chromium for the browser tests (SPEC.md "Web console": proven in headless Chromium).
 * The Debian package, never a download: playwright-core brings no browser, and CI installs
 * chromium with apt-get (.ci/run).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** No sandbox (containers run as root), no GPU, and nothing that phones home during a test. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium; a missing browser fails the test with the command that installs it (never a skip). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}: the browser tests need it. Install it with ` +
        '`apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to an existing Chromium.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Collects what a user would see as breakage: console errors and uncaught page errors. `take()`
 * returns and clears them, so a test can allow the errors of a step that must fail (e.g. the
 * browser logs every 401 page it loads) and insist on none elsewhere.
 */
export function watchErrors(page: Page): { take(): string[] } {
  let errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return {
    take: () => {
      const out = errors;
      errors = [];
      return out;
    },
  };
}

/** test/artifacts: screenshots and the like, kept out of git by its own .gitignore. */
export function artifactsDir(): string {
  const dir = join(__dirname, '..', 'artifacts');
  mkdirSync(dir, { recursive: true });
  const ignore = join(dir, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '*\n');
  return dir;
}
