import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnv } from '../config/load-env';
import { dataSourceOptions } from './data-source-options';

/**
 * Data source for the TypeORM CLI only (generating a migration to read and edit):
 *   npx typeorm-ts-node-commonjs migration:generate -d src/core/database/data-source.ts migrations/Name
 * The app itself builds its connection through TypeOrmModule in CoreModule.
 */
export default new DataSource(dataSourceOptions(loadEnv().DATABASE_URL));
