import { Client } from 'pg';
import { quoteIdent } from '../../src/core/database/database-url';
import { TEST_PG_URL, databaseUrl, templateDb, testDbName } from './test-env';

/**
 * A database of its own for one test file, cloned from the migrated template. Refuses any name
 * without "test" in it, so a mistake can never drop a real database.
 */
export class TestDatabase {
  private constructor(readonly name: string) {}

  get url(): string {
    return databaseUrl(this.name);
  }

  static async create(label = 'db'): Promise<TestDatabase> {
    const name = testDbName(label);
    const db = new TestDatabase(name);
    await db.admin(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(templateDb())}`);
    return db;
  }

  async drop(): Promise<void> {
    await this.admin(`DROP DATABASE IF EXISTS ${quoteIdent(this.name)} WITH (FORCE)`);
  }

  private async admin(sql: string): Promise<void> {
    if (!this.name.includes('test'))
      throw new Error(`refusing to touch database ${this.name}: not a test database`);
    const client = new Client({ connectionString: TEST_PG_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}
