import request from 'supertest';
import type { Role } from '../../src/modules/auth/role';
import { TokenService } from '../../src/modules/auth/token.service';
import { SANDBOX_WEBHOOK_SECRET } from '../../src/sandbox/sandbox.defaults';
import type { SandboxServer } from '../../src/sandbox/sandbox.server';
import type { TestApp, TestAppOptions } from '../helpers/test-app';
import { waitFor } from '../helpers/wait-for';
import { control, intakeQueries, pollOnce, startIntakeApp, startSandbox } from '../intake/poller.helper';

export interface WorkflowBed {
  t: TestApp;
  sandbox: SandboxServer;
  laporUrl: string;
  /** A token of the role (and mission), made once per bed. */
  token(role: Role, mission?: string): Promise<string>;
  /** A request as the role, with the token set; chain .send()/.set() on it. */
  as(
    role: Role,
    mission?: string,
  ): Promise<{
    get(path: string): request.Test;
    post(path: string): request.Test;
    patch(path: string): request.Test;
    delete(path: string): request.Test;
  }>;
  /** Creates complaints in the sandbox, polls them in, waits until routed; returns bridge ids. */
  intake(
    complaints: Record<string, unknown>[],
  ): Promise<{ id: string; laporId: string; missionCode: string; status: string }[]>;
  /** Polls LAPOR! once (to pick up replies and changes). */
  poll(): Promise<void>;
  close(): Promise<void>;
}

/** A sandbox and a bridge (api + worker, polling by hand) for the handling workflow tests. */
export async function startWorkflowBed(
  label: string,
  env: Record<string, string> = {},
  opts: Pick<TestAppOptions, 'imports'> = {},
): Promise<WorkflowBed> {
  const { sandbox, url: laporUrl } = await startSandbox();
  await control(laporUrl).call('POST', '/reset', { seedDemo: false });
  const t = await startIntakeApp(laporUrl, {
    ...opts,
    label,
    env: { LAPOR_WEBHOOK_SECRETS: SANDBOX_WEBHOOK_SECRET, ...env },
  });
  const tokens = new Map<string, string>();
  const token = async (role: Role, mission?: string) => {
    const key = `${role}:${mission ?? ''}`;
    if (!tokens.has(key))
      tokens.set(key, (await t.app.get(TokenService).create({ role, missionCode: mission })).token);
    return tokens.get(key)!;
  };
  const rows = (ids: string[]) =>
    intakeQueries(t).ds.query<{ id: string; lapor_id: string; mission_code: string; status: string }[]>(
      `SELECT id, lapor_id, mission_code, status FROM complaints WHERE lapor_id = ANY($1)`,
      [ids],
    );
  return {
    t,
    sandbox,
    laporUrl,
    token,
    as: async (role, mission) => {
      const auth = `Bearer ${await token(role, mission)}`;
      return {
        get: (path) => request(t.url).get(path).set('Authorization', auth),
        post: (path) => request(t.url).post(path).set('Authorization', auth),
        patch: (path) => request(t.url).patch(path).set('Authorization', auth),
        delete: (path) => request(t.url).delete(path).set('Authorization', auth),
      };
    },
    intake: async (complaints) => {
      const ids = await control(laporUrl).create(complaints);
      await pollOnce(t);
      await waitFor(
        async () => (await rows(ids)).filter((r) => r.status !== 'received').length === ids.length,
        `${ids.length} complaints routed`,
      );
      const found = await rows(ids);
      return ids.map((laporId) => {
        const r = found.find((x) => x.lapor_id === laporId)!;
        return { id: r.id, laporId, missionCode: r.mission_code, status: r.status };
      });
    },
    poll: async () => {
      await pollOnce(t);
    },
    close: async () => {
      await t.close();
      await sandbox.stop();
    },
  };
}

/** A complaint the router sends to Osaka (KJRI Osaka), with a reporter. */
export function osakaComplaint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Paspor hilang di Osaka',
    content: 'Paspor saya hilang di stasiun Umeda, Osaka. Bagaimana mengurus SPLP untuk pulang?',
    ...overrides,
  };
}
