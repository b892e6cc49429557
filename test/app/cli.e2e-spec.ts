import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { runCli } from '../helpers/run-cli';
import { TestDatabase } from '../helpers/test-database';

/** `npm run cli -- <args>` against the test's database. */
const cli = (db: TestDatabase, ...args: string[]) => runCli({ DATABASE_URL: db.url }, ...args);

describe('npm run cli', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await TestDatabase.create('cli');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('migrate: brings the schema up to date and seeds the missions directory', async () => {
    const r = await cli(db, 'migrate');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('database schema is up to date');
    expect(r.stdout).toContain('missions directory: 139 offices');
  });

  it('token:create: prints the token once on stdout and stores only its hash, with role and mission', async () => {
    const r = await cli(db, 'token:create', '--role', 'handler', '--mission', 'jeddah');
    expect(r.code).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^lbt_[A-Za-z0-9_-]{43}$/);
    expect(r.stderr).toContain('(handler of jeddah) created');
    expect(r.stderr).not.toContain(token);

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const { rows } = await pg.query(`SELECT role, mission_code, token_hash FROM api_tokens`);
    await pg.end();
    expect(rows).toEqual([
      {
        role: 'handler',
        mission_code: 'jeddah',
        token_hash: createHash('sha256').update(token).digest('hex'),
      },
    ]);
  });

  it('token:create: explains a wrong role or a missing mission and exits 1', async () => {
    expect(await cli(db, 'token:create', '--role', 'boss')).toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringContaining('Unknown role "boss"'),
    });
    expect(await cli(db, 'token:create', '--role', 'supervisor')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('needs --mission CODE'),
    });
  });
});
