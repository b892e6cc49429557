import { Client } from 'pg';
import { quoteIdent } from '../src/core/database/database-url';
import { TEST_PG_URL } from './helpers/test-env';

/** Drops this run's template database. */
export default async function globalTeardown(): Promise<void> {
  const name = process.env.LAPOR_TEST_TEMPLATE_DB;
  if (!name?.includes('test')) return;
  const pg = new Client({ connectionString: TEST_PG_URL });
  await pg.connect();
  try {
    await pg.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await pg.end();
  }
  delete process.env.LAPOR_TEST_TEMPLATE_DB;
}
