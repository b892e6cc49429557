import { Pool, type PoolClient } from 'pg';
import { JOB_QUEUE, JobName } from '../src/core/queue/queue.contract';
import { COMPLAINT_COLUMNS, type IntakeTxParams } from './intake-fixtures';

/*
 * The intake transaction of a new complaint, statement for statement as the bridge issues it
 * (IntakeService.ingest → ComplaintIngestService.applyUpstream → OutboxService.enqueue →
 * IntakeService.finish). Copied, not imported: the baseline must be bare `pg`, without TypeORM or Nest.
 */
const INSERT_DELIVERY = `INSERT INTO inbound_deliveries (source, delivery_key, lapor_id, event_type, payload_sha256)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (source, delivery_key) DO NOTHING RETURNING id`;
const n = COMPLAINT_COLUMNS.length;
const INSERT_COMPLAINT = `INSERT INTO complaints (lapor_id, ${COMPLAINT_COLUMNS.join(', ')}, imported, quarantined_at, upstream_checked_at)
       VALUES ($1, ${COMPLAINT_COLUMNS.map((_, i) => `$${i + 2}`).join(', ')}, $${n + 2},
               CASE WHEN $${n + 3}::boolean THEN now() END, now())
       ON CONFLICT (lapor_id) DO NOTHING RETURNING id`;
const INSERT_EVENT = `INSERT INTO complaint_events (complaint_id, type, actor, from_status, to_status, payload, correlation_id, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())`;
const INSERT_OUTBOX = `INSERT INTO outbox (queue, job_name, payload, available_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4::double precision / 1000))
       RETURNING id`;
const FINISH_DELIVERY = `UPDATE inbound_deliveries SET outcome = $2, complaint_id = $3, detail = $4 WHERE id = $1`;

async function intakeTransaction(client: PoolClient, p: IntakeTxParams): Promise<void> {
  // TypeORM's DataSource.transaction() without an isolation level sends exactly this.
  await client.query('START TRANSACTION');
  try {
    const delivered = await client.query<{ id: string }>(INSERT_DELIVERY, [
      'webhook',
      p.deliveryKey,
      p.laporId,
      'complaint.dispositioned',
      p.payloadSha256,
    ]);
    const deliveryId = delivered.rows[0].id;
    const inserted = await client.query<{ id: string }>(INSERT_COMPLAINT, [
      p.laporId,
      ...p.complaintValues,
      false,
      false,
    ]);
    if (!inserted.rows.length) throw new Error(`baseline complaint ${p.laporId} already existed`);
    const complaintId = inserted.rows[0].id;
    await client.query(INSERT_EVENT, [
      complaintId,
      'received',
      'lapor:webhook',
      null,
      'received',
      p.receivedPayload,
      p.correlationId,
    ]);
    await client.query(INSERT_OUTBOX, [
      JOB_QUEUE[JobName.ComplaintRoute],
      JobName.ComplaintRoute,
      JSON.stringify({ correlationId: p.correlationId, complaintId }),
      0,
    ]);
    await client.query(FINISH_DELIVERY, [deliveryId, 'created', complaintId, null]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

export interface BaselineResult {
  transactions: number;
  seconds: number;
  perSecond: number;
}

/**
 * Runs the transactions through a bare `pg` pool of the bridge's size, `concurrency` at a time,
 * each on a connection of its own for the duration of the transaction (as TypeORM does).
 */
export async function runBaseline(
  databaseUrl: string,
  params: IntakeTxParams[],
  opts: { poolSize: number; concurrency: number; onStart?: () => Promise<void> },
): Promise<BaselineResult> {
  const pool = new Pool({ connectionString: databaseUrl, max: opts.poolSize });
  try {
    // Open the connections before the clock starts, as a running service has them open.
    const warm = await Promise.all(
      Array.from({ length: Math.min(opts.poolSize, opts.concurrency) }, () => pool.connect()),
    );
    warm.forEach((c) => c.release());
    await opts.onStart?.();
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (next < params.length) {
          const p = params[next++];
          const client = await pool.connect();
          try {
            await intakeTransaction(client, p);
          } finally {
            client.release();
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return { transactions: params.length, seconds, perSecond: params.length / seconds };
  } finally {
    await pool.end();
  }
}
