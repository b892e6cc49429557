import { SandboxServer } from './sandbox.server';
import {
  SANDBOX_API_KEY,
  SANDBOX_AUTH_HEADER,
  SANDBOX_DEFAULT_PORT,
  SANDBOX_TOKEN,
  SANDBOX_WEBHOOK_SECRET,
} from './sandbox.defaults';

/**
 * `npm run sandbox` (node dist/src/sandbox/main.js): the LAPOR! sandbox alone, for demos and manual
 * tests. It reads the same LAPOR_* variables as the bridge, so both agree on the credentials.
 */
function fail(message: string): never {
  process.stderr.write(`[lapor-sandbox] ${message}\n`);
  process.exit(1);
}

function port(): number {
  const raw = process.env.SANDBOX_PORT?.trim();
  if (!raw) return SANDBOX_DEFAULT_PORT;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    fail(
      `SANDBOX_PORT must be a port number (0-65535), got "${raw}". Unset it to use ${SANDBOX_DEFAULT_PORT}.`,
    );
  }
  return value;
}

async function main(): Promise<void> {
  const env = process.env;
  const webhookSecret = env.LAPOR_WEBHOOK_SECRETS?.split(',')
    .map((s) => s.trim())
    .find(Boolean);
  const sandbox = new SandboxServer({
    apiKey: env.LAPOR_API_KEY || SANDBOX_API_KEY,
    token: env.LAPOR_TOKEN || SANDBOX_TOKEN,
    authHeader: env.LAPOR_AUTH_HEADER || SANDBOX_AUTH_HEADER,
    webhookSecret: webhookSecret ?? SANDBOX_WEBHOOK_SECRET,
    seedDemo: true,
  });
  const host = env.SANDBOX_HOST || '127.0.0.1';
  const url = await sandbox
    .start(port(), host)
    .catch((err: Error) =>
      fail(`cannot listen on ${host}:${port()}: ${err.message}. Set SANDBOX_PORT to a free port.`),
    );
  process.stdout.write(
    `\n*** LAPOR! SANDBOX at ${url} (control API ${url}/_sandbox) — fictitious data, NOT the real SP4N-LAPOR! ***\n\n`,
  );
  const shutdown = (signal: string) => {
    process.stdout.write(`[lapor-sandbox] ${signal}: stopping\n`);
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
