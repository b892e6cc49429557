#!/usr/bin/env node
// Fails at once, saying how to start them, when the PostgreSQL or Redis that the tests need is down.
// Run first by `npm test` (pretest) and again by Jest's global setup (test/global-setup.ts).
const { Client } = require('pg');
const Redis = require('ioredis');

const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const HOW_TO_START_PG = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
const HOW_TO_START_REDIS =
  'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no';

async function checkPostgres() {
  const client = new Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_URL} (${e.message}).\n` +
        `The integration and end-to-end tests need it. Start it with:\n  ${HOW_TO_START_PG}\n` +
        `or point TEST_DATABASE_URL at a server.`,
      { cause: e },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis() {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let lastError;
  redis.on('error', (e) => (lastError = e));
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    throw new Error(
      `Redis is not reachable at ${REDIS_URL} (${(lastError || e).message}).\n` +
        `The integration and end-to-end tests need it. Start it with:\n  ${HOW_TO_START_REDIS}\n` +
        `or point TEST_REDIS_URL at a server.`,
      { cause: e },
    );
  } finally {
    redis.disconnect();
  }
}

async function checkServices() {
  await checkPostgres();
  await checkRedis();
}

module.exports = { checkServices, PG_URL, REDIS_URL };

if (require.main === module) {
  checkServices().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`\n${e.message}\n\n`);
      process.exit(1);
    },
  );
}
