import { Client } from 'pg';
import Redis from 'ioredis';
import { runMigrations } from '../src/core/database/prepare-database';
import { quoteIdent } from '../src/core/database/database-url';
import {
  STALE_AFTER_MS,
  TEST_DB_PREFIX,
  TEST_PG_URL,
  TEST_REDIS_URL,
  createdAtOf,
  databaseUrl,
  testDbName,
} from './helpers/test-env';

const HOW_TO_START_PG = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
const HOW_TO_START_REDIS =
  'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no';

async function checkPostgres(): Promise<Client> {
  const client = new Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return client;
  } catch (e) {
    throw new Error(
      `\n\nPostgreSQL is not reachable at ${TEST_PG_URL} (${(e as Error).message}).\n` +
        `The integration and end-to-end tests need it. Start it with:\n  ${HOW_TO_START_PG}\n` +
        `or point TEST_DATABASE_URL at a server.\n`,
      { cause: e },
    );
  }
}

async function checkRedis(): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    throw new Error(
      `\n\nRedis is not reachable at ${TEST_REDIS_URL} (${(e as Error).message}).\n` +
        `The integration and end-to-end tests need it. Start it with:\n  ${HOW_TO_START_REDIS}\n` +
        `or point TEST_REDIS_URL at a server.\n`,
      { cause: e },
    );
  } finally {
    redis.disconnect();
  }
}

/**
 * Fails at once, with the command that fixes it, when Postgres or Redis is down; then builds one
 * migrated template database that every test file of this run clones (STYLE.md habit 9). Runs of
 * jest side by side each have their own template; leftovers of crashed runs are dropped when stale.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  const pg = await checkPostgres();
  await checkRedis();
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
