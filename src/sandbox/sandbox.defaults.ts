/**
 * Credentials of the bundled LAPOR! sandbox. They are public on purpose: the sandbox holds only
 * fictitious data and the bridge uses these only when LAPOR_BASE_URL is unset outside production.
 */
export const SANDBOX_API_KEY = 'sandbox-api-key';
export const SANDBOX_TOKEN = '{00000000-0000-4000-8000-000000000000}';
/** Standard Webhooks secret (whsec_ + base64 of a fixed key) the sandbox signs its callbacks with. */
export const SANDBOX_WEBHOOK_SECRET = 'whsec_c2FuZGJveC1sYXBvci1icmlkZ2Utd2ViaG9vay1zZWNyZXQ=';
/** Kemenlu's institution id in the sandbox's institution master list. */
export const SANDBOX_INSTITUTION_ID = '1001';
/** Port of the standalone sandbox (`npm run sandbox`); SPEC.md "Configuration": SANDBOX_PORT. */
export const SANDBOX_DEFAULT_PORT = 4010;
/** Header that carries the bearer key, as LAPOR-API.md "Transport" defaults it. */
export const SANDBOX_AUTH_HEADER = 'Authorization';
