import { envSchema, type Env } from './env.schema';

/** A configuration problem, with one line per wrong variable saying how to fix it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee config/.env.example.`);
    this.name = 'ConfigError';
  }
}

/** In production the bridge must never fall back to the sandbox or to development keys. */
const REQUIRED_IN_PRODUCTION: (keyof Env)[] = [
  'LAPOR_BASE_URL',
  'LAPOR_API_KEY',
  'LAPOR_TOKEN',
  'LAPOR_WEBHOOK_SECRETS',
  'ENCRYPTION_KEY',
];

/**
 * Validates the environment against the one schema. Empty strings count as unset, so that
 * `LAPOR_BASE_URL=` in an .env file means "use the default", as people expect.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim();
  }
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        const shown = name in raw && !/KEY|TOKEN|SECRET|URL/.test(name) ? ` (got "${raw[name]}")` : '';
        return `${name} ${issue.message}${shown}`;
      }),
    );
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production') {
    const missing = REQUIRED_IN_PRODUCTION.filter((k) => {
      const v = env[k];
      return v === undefined || (Array.isArray(v) && v.length === 0);
    });
    if (missing.length) {
      throw new ConfigError(
        missing.map(
          (k) => `${k} is required when NODE_ENV=production (the sandbox and development keys are refused)`,
        ),
      );
    }
  }
  return env;
}
