import { z } from 'zod';
import { QUEUE_NAMES } from '../queue/queue.contract';
import { parseEmailRecipients } from '../../modules/notifications/email-recipients';

/**
 * The one schema of the bridge's environment (STYLE.md habit 3). Every variable SPEC.md lists is
 * here, with a default that works on a developer machine and a description that `config/.env.example`
 * repeats. Read values only through ConfigService, never process.env.
 */

const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (def: number, min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` })
    .default(def);

const url = (protocols: string[], hint: string) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { error: `must be a URL like ${hint}` },
  );

/** A GUID in braces, as LAPOR! issues its `token` header (LAPOR-API.md "Transport"). */
const GUID_IN_BRACES = /^\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}$/;
/** Standard Webhooks secret: whsec_ followed by base64 of at least 24 bytes. */
const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/;
/** Encryption keys: `<keyId>:<base64 of 32 bytes>`, comma separated, the first one encrypts. */
const ENCRYPTION_KEY_ITEM = /^[a-z0-9]{1,16}:[A-Za-z0-9+/]{43}=$/;

export const ROLES = ['all', 'api', 'worker'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envFields = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
    .default('development')
    .describe('development (default), production (strict: LAPOR! settings and keys required) or test.'),
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://user@host:5432/dbname')
    .default('postgres://postgres@127.0.0.1:5432/lapor_bridge')
    .describe('PostgreSQL connection URL; the database is created at boot if it does not exist.'),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379')
    .default('redis://127.0.0.1:6379')
    .describe('Redis for BullMQ queues and disposable state only (no complaint data).'),
  REDIS_SENTINELS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((s) => /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):\d{1,5}$/.test(s)), {
      error:
        'must be comma-separated host:port pairs of Redis Sentinels, e.g. sentinel-1:26379,sentinel-2:26379',
    })
    .describe(
      'Redis Sentinels (host:port, comma separated). When set, the master named REDIS_SENTINEL_NAME is ' +
        'found through them and followed across failovers; REDIS_URL then gives only the user, password, ' +
        'database and TLS.',
    ),
  REDIS_SENTINEL_NAME: z
    .string()
    .regex(/^[\w.-]{1,100}$/, { error: 'must be the master name the Sentinels monitor, e.g. mymaster' })
    .default('mymaster')
    .describe('The master name the Sentinels monitor (with REDIS_SENTINELS).'),
  REDIS_SENTINEL_PASSWORD: z
    .string()
    .optional()
    .describe('Password of the Sentinels themselves, if they require one (with REDIS_SENTINELS).'),
  PORT: int(3000, 1, 65535).describe('HTTP port of the API (and of the health endpoints of a worker).'),
  ROLE: z
    .enum(ROLES, { error: 'must be all, api or worker' })
    .default('all')
    .describe(
      'all = API and worker in one process (default); api = HTTP only; worker = queues and schedulers.',
    ),
  WORKER_QUEUES: z
    .string()
    .default(QUEUE_NAMES.join(','))
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((qs) => qs.length > 0 && qs.every((q) => (QUEUE_NAMES as readonly string[]).includes(q)), {
      error: `must be a comma-separated list of: ${QUEUE_NAMES.join(', ')}`,
    })
    .describe(`Queues this worker consumes, comma separated (default all: ${QUEUE_NAMES.join(',')}).`),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:{}_-]{1,64}$/, { error: 'must be 1-64 of letters, digits, : { } _ -' })
    .default('lapor')
    .describe('BullMQ key prefix; use a hash tag such as {lapor} on Redis Cluster.'),
  LAPOR_BASE_URL: url(['http:', 'https:'], 'https://gateway.example/lapor/3.0.0')
    .optional()
    .describe(
      'LAPOR! API base URL (through the SPLP gateway). Unset outside production: the bundled sandbox.',
    ),
  LAPOR_AUTH_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, { error: 'must be an HTTP header name such as Authorization or auth' })
    .default('Authorization')
    .describe('Header that carries the LAPOR! bearer key (older integrations used "auth").'),
  LAPOR_API_KEY: z.string().min(1).optional().describe('LAPOR! API key, sent as "Bearer <key>".'),
  LAPOR_TOKEN: z
    .string()
    .regex(GUID_IN_BRACES, { error: 'must be a GUID in braces, e.g. {0a1b2c3d-0000-4000-8000-1234567890ab}' })
    .optional()
    .describe('LAPOR! `token` header value, a GUID in braces.'),
  LAPOR_WEBHOOK_SECRETS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((s) => WEBHOOK_SECRET.test(s)), {
      error: 'must be comma-separated Standard Webhooks secrets of the form whsec_<base64>',
    })
    .describe('Active webhook signing secrets (whsec_...), comma separated; several during rotation.'),
  WEBHOOK_TOLERANCE_S: int(300, 1, 3600).describe('Accepted clock skew of webhook-timestamp, seconds.'),
  WEBHOOK_BODY_LIMIT_BYTES: int(1_048_576, 1024, 16_777_216).describe(
    'Largest accepted webhook or API request body, bytes (default 1 MiB).',
  ),
  POLL_INTERVAL_S: int(30, 5, 3600).describe('Seconds between LAPOR! inbox polls (under a lease).'),
  POLL_ENABLED: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1' || v === 'yes'))
    .describe(
      'Whether a worker runs the LAPOR! poll, nightly re-scan and refresh schedules. Default: true, ' +
        'except NODE_ENV=test (tests drive polls themselves).',
    ),
  ENCRYPTION_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.split(',').every((k) => ENCRYPTION_KEY_ITEM.test(k.trim())), {
      error:
        'must be <keyId>:<base64 of 32 bytes>, comma separated (first encrypts); make one with: ' +
        'echo "k1:$(openssl rand -base64 32)"',
    })
    .describe('AES-256-GCM keys for reporter data: keyId:base64(32 bytes)[,older...]; the first encrypts.'),
  BOOTSTRAP_ADMIN_TOKEN: z
    .string()
    .min(32, { error: 'must be at least 32 characters (use: openssl rand -hex 24)' })
    .optional()
    .describe('If set, an admin API token with this value is ensured at boot (stored hashed).'),
  API_RATE_LIMIT: z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(1_000_000, { error: 'must be at most 1000000' })
    .optional()
    .describe(
      'API requests allowed per token (per client IP without one) in each API_RATE_WINDOW_S window. ' +
        'Default: 600, except NODE_ENV=test (1000000: suites make many calls with one token).',
    ),
  API_RATE_WINDOW_S: int(60, 1, 3600).describe('Length of the API rate-limit window, seconds.'),
  METRICS_TOKEN: z
    .string()
    .min(16, { error: 'must be at least 16 characters (use: openssl rand -hex 24)' })
    .optional()
    .describe('If set, GET /metrics needs Authorization: Bearer <this token>; unset, /metrics is public.'),
  CUTI_BERSAMA_IS_HOLIDAY: bool(true).describe(
    'Whether cuti bersama (collective leave) days count as non-working days for the national SLA calendar.',
  ),
  SANDBOX_PORT: int(4010, 1, 65535).describe(
    'Port of the bundled LAPOR! sandbox (used when LAPOR_BASE_URL is unset).',
  ),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info')
    .describe('Log level of the JSON logs.'),
  SHUTDOWN_TIMEOUT_S: int(25, 1, 600).describe(
    'How long SIGTERM waits for active jobs and requests to finish.',
  ),
  JOB_LOCK_S: int(30, 2, 600).describe(
    'How long a job stays locked to a worker that stopped answering (killed, frozen) before another ' +
      'worker takes it over; also how often workers look for such jobs.',
  ),
  // --- upstream sync (issue 6) ---
  LAPOR_INSTITUTION_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be a LAPOR! institution id, e.g. 1001' })
    .optional()
    .describe(
      "Kemenlu's own LAPOR! institution id: the sender of a follow-up on a complaint LAPOR! has not " +
        'dispositioned to a mission (otherwise the disposition is the sender). Default: the sandbox institution.',
    ),
  SYNC_RATE_PER_S: int(5, 1, 1000).describe(
    'Items sent to LAPOR! per second at most, across every worker (a BullMQ queue limiter in Redis).',
  ),
  SYNC_RETRY_BASE_S: int(30, 1, 3600).describe(
    'First retry delay of a failed sync item, seconds; it doubles each attempt (with jitter), up to 6 h.',
  ),
  SYNC_GIVE_UP_H: int(72, 72, 720).describe(
    'Hours a sync item is retried before it becomes a dead letter (at least three days).',
  ),
  SYNC_ALERT_ATTEMPTS: int(5, 1, 100).describe(
    'Failed attempts of one sync item after which its mission and the ministry are alerted (once).',
  ),
  RECONCILE_INTERVAL_S: int(3600, 60, 86_400).describe(
    'Seconds between reconciler runs (under a lease): open complaints compared with LAPOR!.',
  ),
  SLA_SWEEP_INTERVAL_S: int(15, 1, 3600).describe(
    'Seconds between SLA sweeps (under a lease): changed complaints get their clocks recomputed; warnings, breaches and escalations fire.',
  ),
  // --- notification channels: webhook and e-mail besides the in-app list (src/modules/notifications) ---
  NOTIFY_WEBHOOK_URL: url(['http:', 'https:'], 'https://hooks.example/lapor-bridge')
    .optional()
    .describe('If set, every notification is also POSTed here as JSON, signed per Standard Webhooks.'),
  NOTIFY_WEBHOOK_SECRET: z
    .string()
    .regex(WEBHOOK_SECRET, { error: 'must be a Standard Webhooks secret of the form whsec_<base64>' })
    .optional()
    .describe('Signing secret of NOTIFY_WEBHOOK_URL (whsec_<base64>); required when it is set.'),
  SMTP_URL: url(['smtp:', 'smtps:'], 'smtp://mail.example:587 or smtps://user:password@mail.example:465')
    .optional()
    .describe('If set, notifications are also e-mailed (to NOTIFY_EMAIL_TO) through this SMTP server.'),
  NOTIFY_EMAIL_FROM: z
    .string()
    .regex(/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
      error: 'must be an e-mail address, optionally with a name: LAPOR Bridge <noreply@kemlu.example>',
    })
    .optional()
    .describe('Sender of notification e-mails; required when SMTP_URL is set.'),
  NOTIFY_EMAIL_TO: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return v === undefined ? [] : parseEmailRecipients(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    })
    .describe(
      'Recipients of notification e-mails: code:address pairs, comma separated; code = a mission or desk ' +
        'code, or * for every notification. Required when SMTP_URL is set.',
    ),
  PUBLIC_BASE_URL: url(['http:', 'https:'], 'https://bridge.kemlu.example')
    .optional()
    .transform((v) => v?.replace(/\/+$/, ''))
    .describe("The bridge's public base URL, for links in notification e-mails (none when unset)."),
});

/** Rules across variables (a field alone cannot see its siblings). */
export const envSchema = envFields.superRefine((env, ctx) => {
  const requires = (name: keyof typeof env, when: keyof typeof env, hint = '') => {
    const v = env[name];
    if (env[when] !== undefined && (v === undefined || (Array.isArray(v) && v.length === 0)))
      ctx.addIssue({ code: 'custom', path: [name], message: `is required when ${when} is set${hint}` });
  };
  requires(
    'NOTIFY_WEBHOOK_SECRET',
    'NOTIFY_WEBHOOK_URL',
    ' (make one with: echo "whsec_$(openssl rand -base64 32)")',
  );
  requires('NOTIFY_EMAIL_FROM', 'SMTP_URL');
  requires('NOTIFY_EMAIL_TO', 'SMTP_URL', ' (e.g. tokyo:konsuler@kbritokyo.example,*:djpk@kemlu.example)');
});

export type Env = z.infer<typeof envSchema>;
