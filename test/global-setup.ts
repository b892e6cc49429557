import { Client } from 'pg';
import { runMigrations } from '../src/core/database/prepare-database';
import { quoteIdent } from '../src/core/database/database-url';
import {
  STALE_AFTER_MS,
  TEST_DB_PREFIX,
  TEST_PG_URL,
  createdAtOf,
  databaseUrl,
  testDbName,
} from './helpers/test-env';

// The same check `npm test` runs first (pretest), for runs of jest on its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkServices } = require('../scripts/check-services.js') as { checkServices: () => Promise<void> };

/**
 * Fails at once, with the command that fixes it, when Postgres or Redis is down; then builds one
 * migrated template database that every test file of this run clones (STYLE.md habit 9). Runs of
 * jest side by side each have their own template; leftovers of crashed runs are dropped when stale.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  await checkServices();
  const pg = new Client({ connectionString: TEST_PG_URL });
  await pg.connect();
  if (process.env.LAPOR_TEST_TEMPLATE_DB) {
    // The other project (integration / e2e) of this run has already built it.
    await pg.end();
    return;
  }
  const template = testDbName('template');
  try {
    const { rows } = await pg.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${TEST_DB_PREFIX}%`],
    );
    for (const { datname } of rows) {
      const created = createdAtOf(datname);
      if (created === undefined || Date.now() - created > STALE_AFTER_MS) {
        await pg.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
      }
    }
    await pg.query(`CREATE DATABASE ${quoteIdent(template)}`);
  } finally {
    await pg.end();
  }
  await runMigrations(databaseUrl(template));
  process.env.LAPOR_TEST_TEMPLATE_DB = template;
}
