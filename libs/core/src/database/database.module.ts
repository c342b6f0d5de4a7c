import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { Database } from './database';

// Infrastructure every feature module needs, like the config: global, so feature modules list
// only their feature dependencies. Each repository receives the Database and owns its SQL.
@Global()
@Module({
  providers: [
    {
      provide: Database,
      inject: [APP_CONFIG],
      // The application name shows in pg_stat_activity: which process holds a connection (or a lock).
      useFactory: (config: AppConfig) => new Database({ url: config.databaseUrl, applicationName: `tracklayer-${config.roles.join('+')}-${process.pid}` }),
    },
  ],
  exports: [Database],
})
export class DatabaseModule {}
