import type { TestingModuleBuilder } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { ConfigService } from '../../src/core/config/config.service';
import type { LaporClientOptions } from '../../src/integrations/lapor/lapor-client.options';
import { LaporClient } from '../../src/integrations/lapor/lapor.client';
import { TokenService } from '../../src/modules/auth/token.service';
import type { Role } from '../../src/modules/auth/role';
import { PollScheduler, type StartedRun } from '../../src/modules/intake/poll.scheduler';
import {
  DEFAULT_POLL_OPTIONS,
  INTAKE_POLL_OPTIONS,
  type PollOptions,
} from '../../src/modules/intake/poll.options';
import { RefreshScheduler } from '../../src/modules/intake/refresh.scheduler';
import { SANDBOX_API_KEY, SANDBOX_TOKEN, SandboxServer } from '../../src/sandbox/sandbox.server';
import { startTestApp, type TestApp, type TestAppOptions } from '../helpers/test-app';
import { waitFor } from '../helpers/wait-for';

/** Shared set-up of the intake e2e suites: the real app against a real sandbox over HTTP. */

/** A LAPOR! client that gives up and recovers in milliseconds, so outages fit in a test. */
export const FAST_CLIENT: Partial<LaporClientOptions> = {
  timeoutMs: 1000,
  attempts: 2,
  initialBackoffMs: 20,
  maxBackoffMs: 100,
  retryAfterCapMs: 5000,
  breakerThreshold: 5,
  halfOpenAfterMs: 300,
};

/** Small pages (to exercise paging) and quick job retries. */
export const FAST_POLL: PollOptions = {
  ...DEFAULT_POLL_OPTIONS,
  pageSize: 3,
  pageAttempts: 8,
  pageBackoffMs: 200,
};

export function startSandbox(): Promise<{ sandbox: SandboxServer; url: string }> {
  const sandbox = new SandboxServer({ apiKey: SANDBOX_API_KEY, token: SANDBOX_TOKEN });
  return sandbox.start(0).then((url) => ({ sandbox, url }));
}

export function laporEnv(url: string): Record<string, string> {
  return { LAPOR_BASE_URL: url, LAPOR_API_KEY: SANDBOX_API_KEY, LAPOR_TOKEN: SANDBOX_TOKEN };
}

export async function startIntakeApp(
  laporUrl: string,
  opts: TestAppOptions & { poll?: Partial<PollOptions> } = {},
): Promise<TestApp> {
  return startTestApp({
    ...opts,
    env: { ...laporEnv(laporUrl), ...opts.env },
    customize: (b: TestingModuleBuilder) =>
      b
        .overrideProvider(LaporClient)
        .useFactory({
          factory: (c: ConfigService) => new LaporClient(c, FAST_CLIENT),
          inject: [ConfigService],
        })
        .overrideProvider(INTAKE_POLL_OPTIONS)
        .useValue({ ...FAST_POLL, ...opts.poll }),
  });
}

/** The sandbox's control API (no auth, never faulted). */
export function control(laporUrl: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${laporUrl}/_sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
  };
  return {
    call,
    /** Creates complaints; returns their LAPOR! ids. */
    create: async (complaints: Record<string, unknown>[]): Promise<string[]> =>
      ((await call('POST', '/complaints', { complaints })).data as { id: string }[]).map((c) => String(c.id)),
    patch: (id: string, body: Record<string, unknown>) => call('PATCH', `/complaints/${id}`, body),
    reply: (id: string, content: string) => call('POST', `/complaints/${id}/followups`, { content }),
    fault: (f: Record<string, unknown>) => call('POST', '/faults', f),
    faults: async () => (await call('GET', '/faults')).data as { hits: number; remaining: number | null }[],
    clearFaults: () => call('DELETE', '/faults'),
  };
}

export interface CursorState {
  cursor_at: Date;
  run_id: string | null;
  run_started_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  items_seen: string;
}

interface ComplaintRow {
  id: string;
  lapor_id: string;
  status: string;
  imported: boolean;
  quarantine_reason: string | null;
}
interface DeliveryRow {
  source: string;
  delivery_key: string;
  lapor_id: string;
  outcome: string;
  detail: string | null;
}

export function intakeQueries(t: TestApp) {
  const ds = t.app.get(DataSource);
  return {
    ds,
    cursor: async (name = 'inbox') =>
      (await ds.query<CursorState[]>(`SELECT * FROM poll_cursors WHERE name = $1`, [name]))[0] as
        CursorState | undefined,
    complaints: (laporIds: string[]) =>
      ds.query<ComplaintRow[]>(
        `SELECT id, lapor_id, status, imported, quarantine_reason FROM complaints WHERE lapor_id = ANY($1)
         ORDER BY lapor_id`,
        [laporIds],
      ),
    events: (laporIds: string[]) =>
      ds.query<{ lapor_id: string; type: string }[]>(
        `SELECT c.lapor_id, e.type FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
         WHERE c.lapor_id = ANY($1) ORDER BY e.occurred_at, e.id`,
        [laporIds],
      ),
    deliveries: (laporIds: string[]) =>
      ds.query<DeliveryRow[]>(
        `SELECT source, delivery_key, lapor_id, outcome, detail FROM inbound_deliveries WHERE lapor_id = ANY($1)
         ORDER BY received_at, id`,
        [laporIds],
      ),
  };
}

/** Starts an inbox run now and waits until it has finished (or failed): the cursor's run_id is cleared. */
export async function pollOnce(t: TestApp, timeoutMs = 15_000): Promise<StartedRun> {
  const run = await t.app.get(PollScheduler).tick();
  if (!run) throw new Error('no poll run was started');
  await waitForRunEnd(t, run, 'inbox', timeoutMs);
  return run;
}

export async function waitForRunEnd(t: TestApp, run: StartedRun, name: string, timeoutMs = 15_000) {
  const q = intakeQueries(t);
  await waitFor(
    async () => (await q.cursor(name))?.run_id !== run.runId,
    `poll run ${run.runId} ended`,
    timeoutMs,
  );
}

export function refresher(t: TestApp): RefreshScheduler {
  return t.app.get(RefreshScheduler);
}

export async function tokenFor(t: TestApp, role: Role): Promise<string> {
  const mission = role === 'handler' || role === 'supervisor' ? 'tokyo' : undefined;
  return (await t.app.get(TokenService).create({ role, missionCode: mission })).token;
}
