import { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../../migrations';

// For running migrations only (npm run migrate, the tests' template database): TypeORM applies
// and reverts the hand-written migrations and records them in the `migrations` table. The apps
// reach Postgres through Database, never through TypeORM.
export function buildDataSourceOptions(databaseUrl: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'migrations',
    extra: { max: 1, application_name: 'tracklayer-migrate' },
    ...extra,
  } as DataSourceOptions;
}
