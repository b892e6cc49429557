import { waitFor } from '../helpers/wait-for';
import { control } from '../intake/poller.helper';
import { ChaosBed } from './chaos-bed';
import { MISSION_TEXTS } from './chaos-load';

/**
 * SPEC.md "Architecture": losing Redis entirely loses no complaint. The chaos suite kills Redis under
 * load, where a routing job rarely waits in it for long; here one certainly does: complaints are
 * stored and their routing jobs relayed to Redis while no worker consumes the routing queue, then
 * Redis dies and comes back empty.
 */
describe('routing after Redis lost the routing jobs', () => {
  it('routes every complaint whose routing job was in Redis when it died', async () => {
    // A worker that relays the outbox (and polls) but does not route.
    const bed = await ChaosBed.start([], [{ WORKER_QUEUES: 'intake,sync,notify,maintenance' }]);
    try {
      const q = async (sql: string) => (await bed.ledger.query<{ n: number }>(sql)).rows[0].n;
      const N = 10;
      const ids = await control(bed.laporUrl).create(
        Array.from({ length: N }, (_, i) => ({
          title: `${MISSION_TEXTS.seoul.title} (${i + 1})`,
          content: MISSION_TEXTS.seoul.content,
        })),
      );
      for (const complaintId of ids) {
        const sent = await control(bed.laporUrl).call('POST', '/webhooks/deliver', {
          url: `${bed.apiUrl}/webhooks/lapor`,
          type: 'complaint.dispositioned',
          complaintId,
        });
        expect(sent.statuses).toEqual([202]);
      }
      await waitFor(
        async () =>
          (await q(
            `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'complaint.route' AND relayed_at IS NOT NULL`,
          )) === N,
        'the routing jobs relayed to Redis',
      );
      expect(await q(`SELECT count(*)::int AS n FROM complaints WHERE status = 'received'`)).toBe(N);

      await bed.redis.kill();
      await bed.redis.up();
      // The worker comes back consuming every queue (a new version deployed, a replica added).
      const [worker] = bed.workers;
      await bed.kill(worker);
      bed.restart(worker, { WORKER_QUEUES: 'intake,routing,sync,notify,maintenance' });
      await bed.waitLive(worker);

      // Nothing but the routing sweep (every 15 s: complaints received over 30 s ago) can route them now.
      await waitFor(
        async () => (await q(`SELECT count(*)::int AS n FROM complaints WHERE status = 'received'`)) === 0,
        () => `every complaint routed; bridge output:\n${bed.output()}`,
        60_000,
      );
      const routed = await bed.ledger.query<{ mission_code: string; routed: number }>(
        `SELECT c.mission_code, count(e.id)::int AS routed FROM complaints c
         LEFT JOIN complaint_events e ON e.complaint_id = c.id AND e.type = 'routed'
         GROUP BY c.id ORDER BY c.id`,
      );
      expect(routed.rows).toEqual(ids.map(() => ({ mission_code: 'seoul', routed: 1 })));
    } finally {
      await bed.close();
    }
  }, 120_000);
});
