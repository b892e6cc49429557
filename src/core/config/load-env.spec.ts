import { ConfigError, loadEnv } from './load-env';

describe('loadEnv', () => {
  it('gives defaults that work on a developer machine', () => {
    const env = loadEnv({});
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/lapor_bridge');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.ROLE).toBe('all');
    expect(env.POLL_INTERVAL_S).toBe(30);
    expect(env.WEBHOOK_TOLERANCE_S).toBe(300);
    expect(env.SANDBOX_PORT).toBe(4010);
    expect(env.CUTI_BERSAMA_IS_HOLIDAY).toBe(true);
    expect(env.WORKER_QUEUES).toEqual(['intake', 'routing', 'sync', 'notify', 'maintenance']);
    expect(env.LAPOR_BASE_URL).toBeUndefined();
  });

  it('rejects a bad value with a message naming the variable and the fix', () => {
    expect(() => loadEnv({ POLL_INTERVAL_S: 'often' })).toThrow(/POLL_INTERVAL_S must be a whole number/);
    expect(() => loadEnv({ ROLE: 'both' })).toThrow(/ROLE must be all, api or worker \(got "both"\)/);
    expect(() => loadEnv({ PORT: '70000' })).toThrow(/PORT must be at most 65535/);
    expect(() => loadEnv({ WORKER_QUEUES: 'routing,emails' })).toThrow(
      /WORKER_QUEUES must be a comma-separated list of: intake, routing, sync, notify, maintenance/,
    );
    expect(() => loadEnv({ LAPOR_TOKEN: '1234' })).toThrow(/LAPOR_TOKEN must be a GUID in braces/);
    expect(() => loadEnv({ ENCRYPTION_KEY: 'secret' })).toThrow(/ENCRYPTION_KEY must be <keyId>:<base64/);
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x/y' })).toThrow(
      /DATABASE_URL must be a URL like postgres:/,
    );
  });

  it('lists every wrong variable at once, without echoing secrets', () => {
    try {
      loadEnv({ ROLE: 'x', LAPOR_WEBHOOK_SECRETS: 'topsecret', CUTI_BERSAMA_IS_HOLIDAY: 'maybe' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const err = e as ConfigError;
      expect(err.problems).toHaveLength(3);
      expect(err.message).not.toContain('topsecret');
      expect(err.message).toContain(
        'LAPOR_WEBHOOK_SECRETS must be comma-separated Standard Webhooks secrets',
      );
      expect(err.message).toContain('CUTI_BERSAMA_IS_HOLIDAY must be true or false');
    }
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv({ LAPOR_BASE_URL: '', PORT: ' ' }).PORT).toBe(3000);
  });

  it('parses lists and booleans', () => {
    const env = loadEnv({
      WORKER_QUEUES: 'routing, sync',
      CUTI_BERSAMA_IS_HOLIDAY: 'false',
      LAPOR_WEBHOOK_SECRETS:
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw,whsec_c2FuZGJveC1sYXBvci1icmlkZ2Utd2ViaG9vay1zZWNyZXQ=',
    });
    expect(env.WORKER_QUEUES).toEqual(['routing', 'sync']);
    expect(env.CUTI_BERSAMA_IS_HOLIDAY).toBe(false);
    expect(env.LAPOR_WEBHOOK_SECRETS).toHaveLength(2);
  });

  it('refuses to run production on sandbox defaults', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(
      /LAPOR_BASE_URL is required when NODE_ENV=production/,
    );
    const ok = loadEnv({
      NODE_ENV: 'production',
      LAPOR_BASE_URL: 'https://gw.example/lapor/3.0.0',
      LAPOR_API_KEY: 'k',
      LAPOR_TOKEN: '{0a1b2c3d-0000-4000-8000-1234567890ab}',
      LAPOR_WEBHOOK_SECRETS: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      ENCRYPTION_KEY: 'k1:' + Buffer.alloc(32, 7).toString('base64'),
    });
    expect(ok.NODE_ENV).toBe('production');
  });
});
