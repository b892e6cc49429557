import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { ConfigError, loadEnv } from '../core/config/load-env';
import { ensureDatabase } from '../core/database/prepare-database';
import { CliModule } from './cli.module';
import { CliError } from './print';

/** `npm run cli -- <command>`: operations commands (nest-commander). */
async function main(): Promise<void> {
  const env = loadEnv();
  // The database may not exist yet on a fresh machine; every command can then at least connect.
  await ensureDatabase(env.DATABASE_URL);
  await CommandFactory.run(CliModule, {
    logger: ['error'],
    errorHandler: (e) => {
      // commander reports --help and --version as "errors" with exit code 0.
      const exitCode = (e as Error & { exitCode?: number }).exitCode ?? 1;
      if (exitCode !== 0) process.stderr.write(`error: ${e.message}\n`);
      process.exit(exitCode);
    },
    serviceErrorHandler: (e) => {
      process.stderr.write(`error: ${e.message}\n`);
      process.exit(1);
    },
  });
}

main().catch((e: unknown) => {
  const known =
    e instanceof ConfigError || e instanceof CliError || (e as Error).name === 'DatabaseUnavailableError';
  process.stderr.write(`error: ${known ? (e as Error).message : ((e as Error).stack ?? String(e))}\n`);
  process.exit(1);
});
