import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { quoteIdent } from '../src/core/database/database-url';
import { dataSourceOptions } from '../src/core/database/data-source-options';
import { prepareDatabase } from '../src/core/database/prepare-database';
import { MissionsSeeder } from '../src/modules/missions/missions.seeder';

/** LAPOR! institution ids the bench gives to a few missions, so routing rule 1 has work to do. */
export const BENCH_INSTITUTIONS: Record<string, string> = {
  '8101': 'seoul',
  '8102': 'tokyo',
  '8103': 'kualalumpur',
  '8104': 'riyadh',
};

/**
 * The bench's own database: created, migrated and seeded like a fresh install, and dropped at the
 * end. Refuses any name without "bench", so it can never drop a real database.
 */
export class BenchDatabase {
  readonly url: string;
  private monitorClient?: Promise<Client>;

  constructor(
    private readonly adminUrl: string,
    readonly name: string,
  ) {
    if (!name.includes('bench')) throw new Error(`refusing database ${name}: not a bench database`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    this.url = u.toString();
  }

  /** Creates and migrates the database (src/core/database/prepare-database.ts), then seeds missions. */
  async create(): Promise<void> {
    await prepareDatabase(this.url);
    Logger.overrideLogger(['error']);
    const ds = new DataSource(dataSourceOptions(this.url, { poolSize: 2 }));
    await ds.initialize();
    try {
      await new MissionsSeeder(ds).seed();
      for (const [institution, code] of Object.entries(BENCH_INSTITUTIONS)) {
        await ds.query(`UPDATE missions SET lapor_institution_id = $1 WHERE code = $2`, [institution, code]);
      }
      const [{ n }] = await ds.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM missions WHERE lapor_institution_id IS NOT NULL`,
      );
      if (n !== Object.keys(BENCH_INSTITUTIONS).length)
        throw new Error('bench missions are missing from the seed');
    } finally {
      await ds.destroy();
    }
  }

  /**
   * Empties what intake (and routing) writes, so every phase starts from the same state. CASCADE takes
   * every table that hangs off complaints (events, follow-ups, sync items, audit, drift, …) as modules add them.
   */
  async resetIntake(): Promise<void> {
    await this.withClient((c) => c.query(`TRUNCATE inbound_deliveries, outbox, complaints CASCADE`));
  }

  async withClient<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  /** One long-lived connection for frequent small queries (sampling), so they add no connection churn. */
  async monitor<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    this.monitorClient ??= (async () => {
      const c = new Client({ connectionString: this.url });
      await c.connect();
      return c;
    })();
    return fn(await this.monitorClient);
  }

  async drop(): Promise<void> {
    const monitor = this.monitorClient;
    this.monitorClient = undefined;
    await monitor?.then((c) => c.end()).catch(() => undefined);
    const client = new Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(this.name)} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}
