import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/core/database/data-source-options';
import { ensureDatabase, runMigrations } from '../../src/core/database/prepare-database';
import { TestDatabase } from '../helpers/test-database';
import { databaseUrl, testDbName } from '../helpers/test-env';
import { MIGRATIONS } from '../../migrations';

describe('database schema', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await TestDatabase.create('schema');
    ds = await new DataSource(dataSourceOptions(db.url, { poolSize: 2 })).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('matches the entities exactly: synchronize would change nothing', async () => {
    const sql = await ds.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('keeps the complaint timeline append-only', async () => {
    await ds.query(`INSERT INTO complaints (lapor_id) VALUES ('L-1')`);
    const [{ id }] = await ds.query(`SELECT id FROM complaints WHERE lapor_id = 'L-1'`);
    await ds.query(
      `INSERT INTO complaint_events (complaint_id, type, actor, occurred_at) VALUES ($1, 'received', 'lapor', now())`,
      [id],
    );
    await expect(ds.query(`UPDATE complaint_events SET actor = 'someone else'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(ds.query(`DELETE FROM complaint_events`)).rejects.toThrow(/append-only/);
  });

  it('keeps one complaint per LAPOR! id and one delivery per webhook-id', async () => {
    await ds.query(`INSERT INTO complaints (lapor_id) VALUES ('L-2')`);
    await expect(ds.query(`INSERT INTO complaints (lapor_id) VALUES ('L-2')`)).rejects.toThrow(
      /complaints_lapor_id_key/,
    );
    await ds.query(`INSERT INTO inbound_deliveries (source, delivery_key) VALUES ('webhook', 'msg_1')`);
    await expect(
      ds.query(`INSERT INTO inbound_deliveries (source, delivery_key) VALUES ('webhook', 'msg_1')`),
    ).rejects.toThrow(/inbound_deliveries_source_key/);
  });

  it('migrates down to nothing and up again', async () => {
    for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const tables = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(tables).toEqual([]);
    await ds.runMigrations({ transaction: 'each' });
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});

describe('prepareDatabase', () => {
  const name = testDbName('fresh');
  const url = databaseUrl(name);
  afterAll(async () => {
    const c = new Client({ connectionString: databaseUrl('postgres') });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });

  it('creates a missing database and migrates it once, even with replicas booting together', async () => {
    const created = await Promise.all([ensureDatabase(url), ensureDatabase(url)]);
    expect(created.filter(Boolean)).toHaveLength(1);
    const applied = await Promise.all([runMigrations(url), runMigrations(url), runMigrations(url)]);
    expect(applied.flat()).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await ensureDatabase(url)).toBe(false);
  });
});
