import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ConfigService } from '../../src/core/config/config.service';
import { loadEnv } from '../../src/core/config/load-env';
import { FieldCipher } from '../../src/core/crypto/field-cipher';
import { runCli, runCliWithInput } from '../helpers/run-cli';
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

  it('route: one JSON decision per case; ≥ 95% of the labelled cases and every named mission right', async () => {
    const file = join(__dirname, '..', '..', 'config', 'data', 'routing-cases.dev.jsonl');
    const cases = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { id: string; title: string; content: string; expected_mission: string });
    const before = await countComplaints(db);
    const r = await cli(db, 'route', '--file', file);
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            id: string;
            missionCode: string;
            rule: string;
            evidence: string[];
            confidence: number;
          },
      );
    expect(out.map((d) => d.id)).toEqual(cases.map((c) => c.id));
    for (const d of out)
      expect(Object.keys(d)).toEqual(
        expect.arrayContaining(['missionCode', 'rule', 'evidence', 'confidence']),
      );
    const right = out.filter((d, i) => d.missionCode === cases[i].expected_mission);
    expect(right.length / cases.length).toBeGreaterThanOrEqual(0.95);
    const named = cases.filter((c) =>
      /\b(KBRI|KJRI|KRI|KDEI|PTRI)\s+\p{Lu}/u.test(`${c.title} ${c.content}`),
    );
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((c) => out.find((d) => d.id === c.id)!.missionCode !== c.expected_mission)).toEqual(
      [],
    );
    expect(r.stderr).toContain(`(${right.length}/${cases.length} labelled cases)`);
    expect(await countComplaints(db)).toBe(before); // nothing stored
  });

  it('route: reads stdin too, and reports lines that are not cases with exit code 1', async () => {
    const r = await runCliWithInput(
      { DATABASE_URL: db.url },
      '{"title":"Paspor hilang","content":"Paspor saya hilang di Osaka."}\nnot json\n{"title":"x"}\n',
      'route',
    );
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ line: 1, missionCode: 'osaka', rule: 'place', status: 'assigned' });
    expect(lines[1]).toEqual({ line: 2, error: 'not JSON' });
    expect(lines[2]).toMatchObject({ line: 3, error: expect.stringContaining('"content"') });
    expect(r.stderr).toContain('2 line(s) were not cases');
    expect(await cli(db, 'route', '--file', '/nonexistent/cases.jsonl')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no such file'),
    });
  });
});

describe('npm run cli -- rekey', () => {
  let db: TestDatabase;
  const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
  const cipher = (keys: string) => new FieldCipher(new ConfigService(loadEnv({ ENCRYPTION_KEY: keys })));
  beforeAll(async () => {
    db = await TestDatabase.create('cli-rekey');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('re-encrypts reporters written under an older key with the first key, once; the old key can then go', async () => {
    const old = cipher(`k1:${key(1)}`);
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const reporter = ['Siti Rahmawati', 'siti.r@example.id', '+62 812-0000-4411'];
      await pg.query(
        `INSERT INTO complaints (lapor_id, reporter_name_enc, reporter_email_enc, reporter_phone_enc, version)
         VALUES ('R-1', $1, $2, $3, 4), ('R-2', $4, NULL, NULL, 1), ('R-3', NULL, NULL, NULL, 1)`,
        [...reporter.map((v) => old.encrypt(v)), old.encrypt('Budi')],
      );
      const env = { DATABASE_URL: db.url, ENCRYPTION_KEY: `k2:${key(2)},k1:${key(1)}` };
      const first = await runCli(env, 'rekey');
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toEqual({ found: 2, rewritten: 2, skipped: 0, activeKey: 'k2' });
      const { rows } = await pg.query(
        `SELECT lapor_id, reporter_name_enc AS n, reporter_email_enc AS e, reporter_phone_enc AS p, version
         FROM complaints ORDER BY lapor_id`,
      );
      // Readable with the new key alone; nothing else moved (the version is unchanged).
      const fresh = cipher(`k2:${key(2)}`);
      expect(
        rows.map((r: Record<string, string | null>) => [
          r.lapor_id,
          fresh.decrypt(r.n),
          fresh.decrypt(r.e),
          fresh.decrypt(r.p),
          r.version,
        ]),
      ).toEqual([
        ['R-1', ...reporter, 4],
        ['R-2', 'Budi', null, null, 1],
        ['R-3', null, null, null, 1],
      ]);
      const again = await runCli(env, 'rekey');
      expect(JSON.parse(again.stdout)).toEqual({ found: 0, rewritten: 0, skipped: 0, activeKey: 'k2' });
    } finally {
      await pg.end();
    }
  });
});

async function countComplaints(db: TestDatabase): Promise<number> {
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const { rows } = await pg.query(`SELECT count(*)::int AS n FROM complaints`);
  await pg.end();
  return rows[0].n as number;
}
