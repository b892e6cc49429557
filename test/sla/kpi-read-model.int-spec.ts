import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/core/database/data-source-options';
import { MissionsService } from '../../src/modules/missions/missions.service';
import { KpiReadModel } from '../../src/modules/reports/kpi-read-model';
import { ReportsService } from '../../src/modules/reports/reports.service';
import { SlaQueryService } from '../../src/modules/sla/sla-query.service';
import { TestDatabase } from '../helpers/test-database';

/**
 * The report read model against real Postgres: it pages through sla_facts by seq (here 7 rows a page
 * over 40), keeps every complaint in its slot, and a later report sees rows the sweep rewrote.
 */
describe('KPI read model', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let model: KpiReadModel;
  let reports: ReportsService;

  /** n facts, complaint i dispositioned 2026-03-02T02:00Z + i hours, followed up i/10 days later. */
  const insert = (n: number) =>
    ds.transaction(async (m) => {
      // The reports read only sla_facts: no complaints rows are needed for this test.
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(
        `INSERT INTO sla_facts (complaint_id, mission_code, priority, status, received_at, dispositioned_at,
           follow_up_due_at, followed_up_at, follow_up_days, follow_up_working_days)
         SELECT gen_random_uuid(), CASE WHEN i % 2 = 0 THEN 'osaka' ELSE 'tokyo' END, 'normal', 'responded',
                d, d, d + interval '7 days', d + (i / 10.0) * interval '1 day', i / 10.0, i / 10.0
         FROM generate_series(1, $1::int) AS i, LATERAL (SELECT timestamptz '2026-03-02T02:00Z' + i * interval '1 hour' AS d) x`,
        [n],
      );
    });

  beforeAll(async () => {
    db = await TestDatabase.create('kpi_read_model');
    ds = await new DataSource(dataSourceOptions(db.url, { poolSize: 2 })).initialize();
    model = new KpiReadModel(new SlaQueryService(ds));
    model.pageSize = 7;
    reports = new ReportsService(model, new MissionsService(ds));
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('loads every row across pages and computes the figures from them', async () => {
    await insert(40);
    const r = await reports.kpi({
      from: '2026-03-01',
      to: '2026-03-31',
      asOf: new Date('2026-06-01T00:00:00Z'),
    });
    // follow-up days 0.1 … 4.0: mean 2.05, median 2.05, p90 at rank 35.1 of 40 → 3.61.
    expect(r).toMatchObject({
      count: 40,
      followedUp: 40,
      avgFollowUpDays: 2.05,
      medianFollowUpDays: 2.05,
      p90FollowUpDays: 3.61,
    });
    expect(r.byMission.map((b) => [b.missionCode, b.count])).toEqual([
      ['osaka', 20],
      ['tokyo', 20],
    ]);
  });

  it('sees rows rewritten since (a new seq), without loading the others again', async () => {
    await ds.query(
      `UPDATE sla_facts SET seq = nextval('sla_facts_seq'), followed_up_at = NULL, follow_up_days = NULL,
         follow_up_working_days = NULL WHERE row_no IN (SELECT row_no FROM sla_facts ORDER BY row_no LIMIT 10)`,
    );
    await insert(5);
    const r = await reports.kpi({
      from: '2026-03-01',
      to: '2026-03-31',
      asOf: new Date('2026-06-01T00:00:00Z'),
    });
    expect(r).toMatchObject({ count: 45, followedUp: 35 });
  });
});
