import type { ConfigService } from '../core/config/config.service';
import { SandboxServer } from './sandbox.server';

export interface BundledSandbox {
  url: string;
  /** False when another local bridge process (e.g. ROLE=worker next to ROLE=api) already runs it. */
  ownedHere: boolean;
  stop(): Promise<void>;
}

/** True when a LAPOR! sandbox answers at the URL (its control API). */
async function isSandbox(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/_sandbox`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Starts the LAPOR! sandbox inside the bridge's process (npm start with no LAPOR_BASE_URL), with
 * the same credentials the bridge's LAPOR! client will send, and demo complaints. When the port is
 * taken by the sandbox of a sibling bridge process on this machine, that one is used.
 */
export async function startBundledSandbox(config: ConfigService): Promise<BundledSandbox> {
  const lapor = config.lapor;
  const server = new SandboxServer({
    apiKey: lapor.apiKey,
    token: lapor.token,
    authHeader: lapor.authHeader,
    webhookSecret: lapor.webhookSecrets[0],
    seedDemo: true,
  });
  try {
    const url = await server.start(config.get('SANDBOX_PORT'), '127.0.0.1');
    return { url, ownedHere: true, stop: () => server.stop() };
  } catch (e) {
    if ((e as { code?: string }).code !== 'EADDRINUSE' || !(await isSandbox(lapor.baseUrl))) {
      throw new Error(
        `SANDBOX_PORT ${config.get('SANDBOX_PORT')} is taken by something that is not a LAPOR! sandbox: ` +
          `set SANDBOX_PORT to a free port (or LAPOR_BASE_URL to a real LAPOR!).`,
        { cause: e },
      );
    }
    return { url: lapor.baseUrl, ownedHere: false, stop: () => Promise.resolve() };
  }
}
