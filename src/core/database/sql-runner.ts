import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * What a service needs to run SQL inside a caller's transaction: a TypeORM EntityManager fits, and
 * so does a bare pg client wrapped by `rawTransaction` (rows of the result, as EntityManager.query
 * returns them for SELECT and INSERT … RETURNING).
 */
export interface SqlRunner {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query<T = any>(sql: string, params?: unknown[]): Promise<T>;
}

/**
 * Runs fn in one transaction on a client of TypeORM's own pool, without TypeORM's query layer. For
 * the hot intake path only (SPEC.md "Performance targets": intake within 2× a bare pg transaction):
 * the same connections, the same SQL, less per-statement overhead.
 */
export async function rawTransaction<T>(
  dataSource: DataSource,
  fn: (runner: SqlRunner) => Promise<T>,
): Promise<T> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const client: PoolClient = await pool.connect();
  // A checked-out client whose connection dies emits 'error'; unheard, that would crash the process.
  // The failing query rejects too, and that is the error this transaction reports.
  let broken: Error | undefined;
  const onError = (e: Error) => (broken = e);
  client.on('error', onError);
  const runner: SqlRunner = {
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T,
  };
  try {
    await client.query('BEGIN');
    const result = await fn(runner);
    await client.query('COMMIT');
    client.off('error', onError);
    client.release(broken);
    return result;
  } catch (e) {
    // A broken connection must not go back to the pool: release(err) destroys it.
    await client.query('ROLLBACK').catch(() => undefined);
    client.off('error', onError);
    client.release(e instanceof Error ? e : new Error(String(e)));
    throw e;
  }
}
