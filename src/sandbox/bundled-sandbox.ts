import type { ConfigService } from '../core/config/config.service';
import { SandboxServer } from './sandbox.server';

export interface BundledSandbox {
  url: string;
  /** False when another local bridge process (e.g. ROLE=worker next to ROLE=api) already runs it. */
  ownedHere: boolean;
  stop(): Promise<void>;
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
    if ((e as { code?: string }).code !== 'EADDRINUSE') throw e;
    return { url: lapor.baseUrl, ownedHere: false, stop: () => Promise.resolve() };
  }
}
