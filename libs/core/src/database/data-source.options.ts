import { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../../migrations';

// Shared by the apps (through TypeOrmModule) and the migration command, so both see the same
// database the same way. Schema changes only ever come from hand-written migrations.
// `applicationName` shows in pg_stat_activity: which process holds a connection (or a lock).
export function buildDataSourceOptions(databaseUrl: string, extra: Partial<DataSourceOptions> = {}, applicationName = 'tracklayer'): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'migrations',
    extra: { max: 20, application_name: applicationName },
    ...extra,
  } as DataSourceOptions;
}
