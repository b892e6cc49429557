import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ConfigService } from './core/config/config.service';
import { ConfigError, loadEnv } from './core/config/load-env';
import { configureHttpApp } from './core/http/http-app';
import { prepareDatabase } from './core/database/prepare-database';
import { startBundledSandbox } from './sandbox/bundled-sandbox';
import { UserService } from './modules/auth/user.service';

/** Writes a startup failure as one clear message and exits (no stack trace for known problems). */
function fail(message: string): never {
  process.stderr.write(`\nlapor-bridge cannot start:\n${message}\n\n`);
  process.exit(1);
}

/**
 * Boots the chosen ROLE: validate config → create the database if missing → migrate under a lock →
 * start the bundled LAPOR! sandbox when no LAPOR_BASE_URL is set → start Nest.
 */
async function bootstrap(): Promise<void> {
  const started = Date.now();
  let env;
  try {
    env = loadEnv();
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  const config = new ConfigService(env);

  try {
    await prepareDatabase(env.DATABASE_URL);
  } catch (e) {
    fail((e as Error).message);
  }

  const sandbox = config.lapor.sandbox ? await startBundledSandbox(config) : undefined;

  const app = await NestFactory.create(AppModule.forRole(env.ROLE), { bodyParser: false, bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  configureHttpApp(app, { bodyLimitBytes: env.WEBHOOK_BODY_LIMIT_BYTES });
  await app.listen(env.PORT, '0.0.0.0');

  logger.log(
    {
      role: env.ROLE,
      port: env.PORT,
      queues: config.runsWorker ? env.WORKER_QUEUES : [],
      startupMs: Date.now() - started,
    },
    `lapor-bridge ready (ROLE=${env.ROLE}) on http://127.0.0.1:${env.PORT}`,
    'Bootstrap',
  );
  if (sandbox) {
    logger.warn(
      `*** LAPOR! SANDBOX *** LAPOR_BASE_URL is not set: talking to the bundled sandbox at ${sandbox.url} ` +
        `(${sandbox.ownedHere ? 'started in this process' : 'run by another local bridge process'}) ` +
        `with demo complaints, NOT the real LAPOR!. Set LAPOR_BASE_URL for real traffic.`,
      'Bootstrap',
    );
    if (config.runsApi) await demoUsers(app.get(UserService), logger);
  }
}

/**
 * With the sandbox only (never in production, which refuses to start without LAPOR! settings): a
 * first start with no users makes three demo accounts, so a newcomer can open the console at once.
 * Their one-time passwords are printed here and must be changed at first sign-in.
 */
async function demoUsers(users: UserService, logger: Logger): Promise<void> {
  if ((await users.list()).length) return;
  const made: string[] = [];
  for (const [email, role, missionCode] of [
    ['admin@demo.invalid', 'admin', null],
    ['monitor@demo.invalid', 'monitor', null],
    ['handler.osaka@demo.invalid', 'handler', 'osaka'],
  ] as const) {
    const { password } = await users.create({ email, role, missionCode }, 'system:demo');
    made.push(`${email} (${role}${missionCode ? ` of ${missionCode}` : ''}) one-time password ${password}`);
  }
  logger.warn(
    `*** DEMO USERS *** sign in at /console/login — ${made.join('; ')}. ` +
      'Create real ones with npm run cli -- user:create.',
    'Bootstrap',
  );
}

void bootstrap().catch((e: unknown) => fail((e as Error).stack ?? String(e)));
