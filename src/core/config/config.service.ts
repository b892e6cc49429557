import { sentinelSettings, type SentinelSettings } from '../queue/redis-options';
import { Injectable } from '@nestjs/common';
import type { Env } from './env.schema';
import { loadEnv } from './load-env';
import { SANDBOX_API_KEY, SANDBOX_TOKEN, SANDBOX_WEBHOOK_SECRET } from '../../sandbox/sandbox.defaults';

/** Settings of the LAPOR! connection, after the sandbox defaults are applied. */
export interface LaporSettings {
  baseUrl: string;
  authHeader: string;
  apiKey: string;
  token: string;
  webhookSecrets: string[];
  /** True when the bundled sandbox stands in for LAPOR! (no LAPOR_BASE_URL outside production). */
  sandbox: boolean;
}

/**
 * Typed, validated configuration (STYLE.md habit 3). Built once from the environment at boot; a
 * wrong value has already stopped the process in loadEnv() with a message naming the variable.
 */
@Injectable()
export class ConfigService {
  readonly env: Readonly<Env>;

  constructor(env?: Env) {
    this.env = Object.freeze(env ?? loadEnv());
  }

  get<K extends keyof Env>(key: K): Env[K] {
    return this.env[key];
  }

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  /** Redis Sentinel discovery, when REDIS_SENTINELS is set. */
  get redisSentinel(): SentinelSettings | undefined {
    return sentinelSettings(this.env);
  }

  get runsApi(): boolean {
    return this.env.ROLE === 'all' || this.env.ROLE === 'api';
  }

  get runsWorker(): boolean {
    return this.env.ROLE === 'all' || this.env.ROLE === 'worker';
  }

  get lapor(): LaporSettings {
    const e = this.env;
    const sandbox = !e.LAPOR_BASE_URL;
    return {
      baseUrl: e.LAPOR_BASE_URL ?? `http://127.0.0.1:${e.SANDBOX_PORT}`,
      authHeader: e.LAPOR_AUTH_HEADER,
      apiKey: e.LAPOR_API_KEY ?? SANDBOX_API_KEY,
      token: e.LAPOR_TOKEN ?? SANDBOX_TOKEN,
      webhookSecrets: e.LAPOR_WEBHOOK_SECRETS.length ? e.LAPOR_WEBHOOK_SECRETS : [SANDBOX_WEBHOOK_SECRET],
      sandbox,
    };
  }
}
