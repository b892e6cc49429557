import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl, quoteIdent } from './database-url';
import { dataSourceOptions } from './data-source-options';
import { ADVISORY_LOCKS } from './advisory-locks';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET']);

/** Explains how to get Postgres running (or how to fix the URL) when the bridge cannot connect. */
export class DatabaseUnavailableError extends Error {
  constructor(databaseUrl: string, cause: unknown) {
    const { hostname, port } = new URL(databaseUrl);
    const err = cause as { message?: string; code?: string };
    const unreachable = UNREACHABLE.has(err.code ?? '') || /timeout/i.test(err.message ?? '');
    super(
      unreachable
        ? `PostgreSQL is not reachable at ${hostname}:${port || 5432} (${err.message}). ` +
            `Start it (e.g. pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) ` +
            `or set DATABASE_URL.`
        : `PostgreSQL at ${hostname}:${port || 5432} refused the connection (${err.message}). ` +
            `Check the user, password and database in DATABASE_URL.`,
      { cause },
    );
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * Creates the database named in the URL if it does not exist (SPEC.md "Commands": npm start). It
 * connects to the database itself first, so a user without access to the `postgres` maintenance
 * database (managed Postgres) can still start when the database exists.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const target = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await target.connect();
    return false;
  } catch (e) {
    if ((e as { code?: string }).code !== '3D000') throw new DatabaseUnavailableError(databaseUrl, e);
  } finally {
    await target.end().catch(() => undefined);
  }
  const { name, maintenanceUrl } = parseDatabaseUrl(databaseUrl);
  const client = new Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (e) {
    throw new DatabaseUnavailableError(databaseUrl, e);
  }
  try {
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    return true;
  } catch (e) {
    // Another replica created it between our check and our CREATE: that is fine.
    const code = (e as { code?: string }).code;
    if (code === '42P04' || code === '23505') return false;
    throw e;
  } finally {
    await client.end();
  }
}

/**
 * Applies pending migrations while holding a session advisory lock, so N replicas booting at once
 * migrate once and the others wait, then find nothing to do. Returns the names applied.
 */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(databaseUrl, { poolSize: 2 }));
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCKS.migrations]);
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCKS.migrations]);
    }
  } finally {
    await runner.release();
    await ds.destroy();
  }
}

/** Everything the database needs before the app starts: the database itself and its schema. */
export async function prepareDatabase(databaseUrl: string): Promise<{ created: boolean; applied: string[] }> {
  const created = await ensureDatabase(databaseUrl);
  const applied = await runMigrations(databaseUrl);
  return { created, applied };
}
