/**
 * Where the tests find Postgres and Redis. The same defaults as the app, overridable for CI
 * machines whose services live elsewhere.
 */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Every test database starts with this; names also carry their creation time (base 36). */
export const TEST_DB_PREFIX = 'lapor_bridge_test_';
/** Leftovers of interrupted runs older than this are dropped by the next run. */
export const STALE_AFTER_MS = 6 * 3600 * 1000;

/** The migrated template of this run, named by global-setup and inherited by the test workers. */
export function templateDb(): string {
  const name = process.env.LAPOR_TEST_TEMPLATE_DB;
  if (!name) throw new Error('LAPOR_TEST_TEMPLATE_DB is not set: run the tests through jest (global-setup)');
  return name;
}

export function testDbName(label: string): string {
  const rand = Math.random().toString(36).slice(2, 8);
  return `${TEST_DB_PREFIX}${Date.now().toString(36)}_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${rand}`;
}

/** Creation time encoded in a test database name, or undefined for names of another shape. */
export function createdAtOf(name: string): number | undefined {
  const m = /^lapor_bridge_test_([0-9a-z]+)_/.exec(name);
  const t = m ? parseInt(m[1], 36) : NaN;
  return Number.isFinite(t) && t > 1.5e12 ? t : undefined;
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
