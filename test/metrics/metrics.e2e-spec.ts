import request from 'supertest';
import { JobName, QueueName } from '../../src/core/queue/queue.contract';
import { QueueRegistry } from '../../src/core/queue/queue.registry';
import { ComplaintMetricsService } from '../../src/modules/complaints/complaint-metrics.service';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { intakeQueries } from '../intake/poller.helper';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';

/**
 * GET /metrics (src/modules/metrics/README.md): Prometheus text that a scraper can parse, with the
 * figures an operator watches — queue depths, open and breached complaints per mission — and no
 * reporter data; behind METRICS_TOKEN when it is set; and still 200 when a source cannot be read.
 */

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: -?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;

/** Parses the text exposition format 0.0.4 strictly: a line that does not fit fails the test. */
function parseExposition(text: string): Sample[] {
  const typed = new Set<string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped']).toContain(meta[3]);
        typed.add(meta[2]);
      }
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    if (m[2]) {
      LABEL.lastIndex = 0;
      while (LABEL.lastIndex < m[2].length) {
        const l = LABEL.exec(m[2]);
        if (!l) throw new Error(`bad labels in: ${line}`);
        labels[l[1]] = l[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      }
    }
    // As Prometheus reads values (Go's ParseFloat): NaN and Inf in any case (prom-client writes "Nan").
    const special = /^([+-]?)inf$/i.exec(m[3]);
    const value = special ? (special[1] === '-' ? -Infinity : Infinity) : Number(m[3]);
    if (Number.isNaN(value) && !/^nan$/i.test(m[3])) throw new Error(`bad value in: ${line}`);
    const family = m[1].replace(/_(bucket|sum|count)$/, '');
    if (!typed.has(m[1]) && !typed.has(family)) throw new Error(`sample without # TYPE: ${line}`);
    samples.push({ name: m[1], labels, value });
  }
  return samples;
}

function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    ?.value;
}

const TOKEN = 'metrics-token-for-the-e2e-test-0123';
const REPORTERS = [
  { name: 'Larasati Metrikwati', email: 'larasati.metrik@example.org', phone: '+81 90-5521-0001' },
  { name: 'Bima Skrapeputra', email: 'bima.skrape@example.org', phone: '+81 90-5521-0002' },
  { name: 'Candra Gaugesari', email: 'candra.gauge@example.org', phone: '+81 90-5521-0003' },
];
const SOURCES = ['queues', 'outbox', 'intake', 'sync', 'complaints'];

describe('GET /metrics', () => {
  let bed: WorkflowBed;
  const scrape = () => request(bed.t.url).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);

  beforeAll(async () => {
    // A long SLA sweep interval: the breach set by hand below stays as set while the test reads it.
    bed = await startWorkflowBed('metrics', { METRICS_TOKEN: TOKEN, SLA_SWEEP_INTERVAL_S: '3600' });
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('exposes queue depths and the open and breached complaints per mission, without reporter data', async () => {
    const routed = await bed.intake([
      osakaComplaint({ reporter: REPORTERS[0] }),
      osakaComplaint({ title: 'SPLP untuk anak di Osaka', reporter: REPORTERS[1] }),
      {
        title: 'Perpanjangan paspor di Tokyo',
        content: 'Saya tinggal di Shinjuku, Tokyo. Paspor saya habis bulan depan; bagaimana perpanjangannya?',
        reporter: REPORTERS[2],
      },
    ]);
    expect(routed.filter((c) => c.missionCode === 'osaka')).toHaveLength(2);
    await intakeQueries(bed.t).ds.query(`UPDATE complaints SET breached_at = now() WHERE id = $1`, [
      routed[0].id,
    ]);
    // A job due in an hour: the maintenance queue has exactly this one delayed job.
    await bed.t.app
      .get(QueueRegistry)
      .add(JobName.OutboxPurge, { correlationId: 'metrics-e2e', olderThanDays: 30 }, 'metrics-e2e-delayed', {
        delay: 3_600_000,
      });

    const res = await scrape().expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers['cache-control']).toBe('no-store');
    const samples = parseExposition(res.text);

    for (const source of SOURCES) expect(valueOf(samples, 'lapor_bridge_scrape_error', { source })).toBe(0);
    for (const queue of Object.values(QueueName))
      for (const state of ['waiting', 'active', 'delayed', 'failed', 'prioritized'])
        expect(valueOf(samples, 'lapor_bridge_queue_jobs', { queue, state })).toEqual(expect.any(Number));
    expect(valueOf(samples, 'lapor_bridge_queue_jobs', { queue: 'maintenance', state: 'delayed' })).toBe(1);
    expect(
      valueOf(samples, 'lapor_bridge_queue_oldest_waiting_age_seconds', { queue: 'routing' }),
    ).toBeGreaterThanOrEqual(0);

    // Open complaints per mission and status, as routed.
    const expected = new Map<string, number>();
    for (const c of routed) {
      const key = `${c.missionCode ?? '(none)'}|${c.status}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    for (const [key, n] of expected) {
      const [mission_code, status] = key.split('|');
      expect(valueOf(samples, 'lapor_bridge_complaints_open', { mission_code, status })).toBe(n);
    }
    const open = samples.filter((s) => s.name === 'lapor_bridge_complaints_open');
    expect(open.reduce((n, s) => n + s.value, 0)).toBe(routed.length);
    const breached = samples.filter((s) => s.name === 'lapor_bridge_complaints_breached_open' && s.value > 0);
    expect(breached).toEqual([
      {
        name: 'lapor_bridge_complaints_breached_open',
        labels: { mission_code: 'osaka', status: routed[0].status },
        value: 1,
      },
    ]);

    // The poll that brought them in, the outbox, and this process's own figures.
    expect(
      valueOf(samples, 'lapor_bridge_intake_poll_last_success_age_seconds', { cursor: 'inbox' }),
    ).toBeLessThan(60);
    expect(valueOf(samples, 'lapor_bridge_outbox_backlog')).toEqual(expect.any(Number));
    expect(valueOf(samples, 'lapor_bridge_process_resident_memory_bytes')).toBeGreaterThan(0);

    // Codes and counts only.
    const text = res.text.toLowerCase();
    for (const r of REPORTERS)
      for (const needle of [r.name, r.email, r.phone, r.phone.replace(/\D/g, '')])
        expect(text).not.toContain(needle.toLowerCase());
    expect(text).not.toContain('paspor');
    for (const c of routed) {
      expect(text).not.toContain(c.id);
      expect(text).not.toContain(`"${c.laporId}"`);
    }
  });

  it('reads the database once for scrapes close together', async () => {
    const duration = async () =>
      valueOf(parseExposition((await scrape().expect(200)).text), 'lapor_bridge_scrape_duration_seconds', {
        source: 'complaints',
      });
    const [a, b] = await Promise.all([duration(), duration()]);
    expect(a).toEqual(expect.any(Number));
    expect(b).toBe(a);
    expect(await duration()).toBe(a);
  });

  it('refuses a scrape without the metrics token, with a wrong one and with an API token', async () => {
    const none = await request(bed.t.url).get('/metrics').expect(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.body).toMatchObject({ status: 401, code: 'AUTH_REQUIRED' });
    expect(none.text).not.toContain('lapor_bridge_');

    const wrong = await request(bed.t.url)
      .get('/metrics')
      .set('Authorization', `Bearer ${TOKEN}x`)
      .expect(401);
    expect(wrong.body).toMatchObject({ status: 401, code: 'AUTH_INVALID_TOKEN' });

    const apiToken = await bed.token('admin');
    await request(bed.t.url).get('/metrics').set('Authorization', `Bearer ${apiToken}`).expect(401);

    await scrape().expect(200);
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      label: 'metrics_public',
      customize: (b) =>
        b.overrideProvider(ComplaintMetricsService).useValue({
          openByMissionAndStatus: () => Promise.reject(new Error('relation "complaints" is on fire')),
        }),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is public, and reports a source it cannot read instead of failing', async () => {
    const res = await request(t.url).get('/metrics').expect(200);
    const samples = parseExposition(res.text);
    expect(valueOf(samples, 'lapor_bridge_scrape_error', { source: 'complaints' })).toBe(1);
    for (const source of SOURCES.filter((s) => s !== 'complaints'))
      expect(valueOf(samples, 'lapor_bridge_scrape_error', { source })).toBe(0);
    expect(samples.filter((s) => s.name.startsWith('lapor_bridge_complaints_'))).toEqual([]);
    expect(valueOf(samples, 'lapor_bridge_queue_jobs', { queue: 'intake', state: 'waiting' })).toBe(0);
    expect(res.text).not.toContain('on fire');
  });

  it('stays out of the OpenAPI document', async () => {
    const doc = await request(t.url).get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths as object)).not.toContain('/metrics');
    expect(Object.keys(doc.body.paths as object)).toContain('/health/live');
  });
});
