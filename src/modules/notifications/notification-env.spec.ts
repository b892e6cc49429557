import { loadEnv } from '../../core/config/load-env';

/** The channel variables as env.schema.ts checks them at boot (config/.env.example). */
describe('notification channel settings at boot', () => {
  const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

  it('are all optional', () => {
    const env = loadEnv({});
    expect(env.NOTIFY_WEBHOOK_URL).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.NOTIFY_EMAIL_TO).toEqual([]);
    expect(env.PUBLIC_BASE_URL).toBeUndefined();
  });

  it('parse a full set', () => {
    const env = loadEnv({
      NOTIFY_WEBHOOK_URL: 'https://hooks.kemlu.example/lapor',
      NOTIFY_WEBHOOK_SECRET: SECRET,
      SMTP_URL: 'smtps://bridge:pw@mail.kemlu.example:465',
      NOTIFY_EMAIL_FROM: 'LAPOR Bridge <noreply@kemlu.example>',
      NOTIFY_EMAIL_TO: 'tokyo:konsuler@kbritokyo.example,*:djpk@kemlu.example',
      PUBLIC_BASE_URL: 'https://bridge.kemlu.example/',
    });
    expect(env.NOTIFY_EMAIL_TO).toHaveLength(2);
    expect(env.PUBLIC_BASE_URL).toBe('https://bridge.kemlu.example');
  });

  it('name the variable and the bad pair of NOTIFY_EMAIL_TO', () => {
    expect(() => loadEnv({ NOTIFY_EMAIL_TO: 'tokyo:konsuler@kbritokyo.example,osaka' })).toThrow(
      /NOTIFY_EMAIL_TO has a bad pair "osaka": no ":"/,
    );
  });

  it('refuse a webhook without its secret, and a secret that is not whsec_', () => {
    expect(() => loadEnv({ NOTIFY_WEBHOOK_URL: 'https://hooks.kemlu.example/lapor' })).toThrow(
      /NOTIFY_WEBHOOK_SECRET is required when NOTIFY_WEBHOOK_URL is set/,
    );
    expect(() =>
      loadEnv({ NOTIFY_WEBHOOK_URL: 'https://hooks.kemlu.example/lapor', NOTIFY_WEBHOOK_SECRET: 'hunter2' }),
    ).toThrow(/NOTIFY_WEBHOOK_SECRET must be a Standard Webhooks secret/);
    expect(() =>
      loadEnv({ NOTIFY_WEBHOOK_URL: 'ftp://hooks.kemlu.example', NOTIFY_WEBHOOK_SECRET: SECRET }),
    ).toThrow(/NOTIFY_WEBHOOK_URL must be a URL like https:/);
  });

  it('refuse e-mail without a sender or recipients, and URLs of the wrong kind', () => {
    expect(() => loadEnv({ SMTP_URL: 'smtp://mail.kemlu.example:587' })).toThrow(
      /NOTIFY_EMAIL_FROM is required when SMTP_URL is set[\s\S]*NOTIFY_EMAIL_TO is required when SMTP_URL is set/,
    );
    expect(() => loadEnv({ SMTP_URL: 'http://mail.kemlu.example' })).toThrow(
      /SMTP_URL must be a URL like smtp:/,
    );
    expect(() => loadEnv({ NOTIFY_EMAIL_FROM: 'noreply' })).toThrow(
      /NOTIFY_EMAIL_FROM must be an e-mail address/,
    );
    expect(() => loadEnv({ PUBLIC_BASE_URL: 'bridge.kemlu.example' })).toThrow(
      /PUBLIC_BASE_URL must be a URL like https:/,
    );
  });
});
