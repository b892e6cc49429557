import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../../src/app.module';
import { ConfigService } from '../../src/core/config/config.service';
import { loadEnv } from '../../src/core/config/load-env';
import { configureHttpApp } from '../../src/core/http/http-app';
import { deleteQueuePrefix, uniqueQueuePrefix } from './redis-cleanup';
import { TestDatabase } from './test-database';
import { TEST_REDIS_URL } from './test-env';

export interface TestApp {
  app: INestApplication;
  config: ConfigService;
  db: TestDatabase;
  /** Base URL of the listening HTTP server, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Stops the app (Nest shutdown hooks, as on SIGTERM) but keeps its database and queue keys. */
  stop(): Promise<void>;
  /** Stops the app and deletes its database (unless passed in) and queue keys. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment, validated like the real one. */
  env?: Record<string, string>;
  /** Reuse a database (e.g. to restart the app on the same data). */
  db?: TestDatabase;
  label?: string;
  /** Adjust the module before it is compiled (e.g. override a provider). */
  customize?: (b: TestingModuleBuilder) => TestingModuleBuilder;
  /** Modules to load besides AppModule (one not wired into AppModule yet; a repeat is harmless). */
  imports?: ModuleMetadata['imports'];
}

/**
 * Boots the real application (AppModule, the same HTTP setup as main.ts) against its own database
 * and queue prefix, listening on a random port.
 */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const db = opts.db ?? (await TestDatabase.create(opts.label ?? 'app'));
  const prefix = opts.env?.QUEUE_PREFIX ?? uniqueQueuePrefix(opts.label ?? 'app');
  const config = new ConfigService(
    loadEnv({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      NODE_ENV: 'test',
      ...opts.env,
    }),
  );
  let builder = Test.createTestingModule({
    imports: [AppModule.forRole(config.get('ROLE')), ...(opts.imports ?? [])],
  })
    .overrideProvider(ConfigService)
    .useValue(config);
  if (opts.customize) builder = opts.customize(builder);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureHttpApp(app, { bodyLimitBytes: config.get('WEBHOOK_BODY_LIMIT_BYTES'), shutdownHooks: false });
  try {
    await app.listen(0, '127.0.0.1');
  } catch (e) {
    // A failed start (e.g. a refused configuration) must not leave connections open behind it.
    await app.close().catch(() => undefined);
    await deleteQueuePrefix(prefix);
    if (!opts.db) await db.drop();
    throw e;
  }
  const url = await app.getUrl();
  let stopped: Promise<void> | undefined;
  let closed: Promise<void> | undefined;
  const stop = () => (stopped ??= app.close());
  return {
    app,
    config,
    db,
    url: url.replace('[::1]', '127.0.0.1'),
    stop,
    close: () =>
      (closed ??= (async () => {
        await stop();
        await deleteQueuePrefix(prefix);
        if (!opts.db) await db.drop();
      })()),
  };
}
