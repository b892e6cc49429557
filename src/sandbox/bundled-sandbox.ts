import type { ConfigService } from '../core/config/config.service';
import { SandboxServer } from './sandbox.server';

/**
 * Starts the LAPOR! sandbox inside the bridge's process (npm start with no LAPOR_BASE_URL), with
 * the same credentials the bridge's LAPOR! client will send, and demo complaints.
 */
export async function startBundledSandbox(
  config: ConfigService,
): Promise<{ url: string; stop(): Promise<void> }> {
  const lapor = config.lapor;
  const server = new SandboxServer({
    apiKey: lapor.apiKey,
    token: lapor.token,
    authHeader: lapor.authHeader,
    webhookSecret: lapor.webhookSecrets[0],
    seedDemo: true,
  });
  const url = await server.start(config.get('SANDBOX_PORT'), '127.0.0.1');
  return { url, stop: () => server.stop() };
}
