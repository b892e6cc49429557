import request from 'supertest';
import { SandboxServer, type SandboxOptions } from '../../src/sandbox/sandbox.server';

/** Shared set-up of the sandbox e2e suites: fixed credentials and a frozen clock. */
export const API_KEY = 'e2e-api-key';
export const TOKEN = '{0a1b2c3d-0000-4000-8000-1234567890ab}';
export const NOW = new Date('2026-11-23T07:05:09Z');
export const AUTH = { Authorization: `Bearer ${API_KEY}`, token: TOKEN };

export function makeSandbox(opts: Partial<SandboxOptions> = {}): SandboxServer {
  return new SandboxServer({ apiKey: API_KEY, token: TOKEN, now: () => NOW, ...opts });
}

/** An authenticated supertest agent on the sandbox app (no port needed). */
export function api(sandbox: SandboxServer) {
  const agent = request(sandbox.app);
  return {
    get: (path: string) => agent.get(path).set(AUTH),
    post: (path: string) => agent.post(path).set(AUTH),
  };
}

export function control(sandbox: SandboxServer) {
  return request(sandbox.app);
}

/** Types a list from a response body (`results.data` or `data`) for map/filter without `any`. */
export function rows(list: unknown): Record<string, unknown>[] {
  return list as Record<string, unknown>[];
}
