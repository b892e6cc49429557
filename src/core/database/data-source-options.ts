import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from './entities';

/**
 * The one description of the database connection. `synchronize` is off for good: the schema
 * changes through reviewed migrations only (STYLE.md habit 4).
 */
export function dataSourceOptions(
  databaseUrl: string,
  overrides: { poolSize?: number } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: overrides.poolSize ?? 20,
    extra: {
      // A dead database must fail requests quickly (503), not hang them.
      connectionTimeoutMillis: 5000,
      application_name: 'lapor-bridge',
    },
  };
}
