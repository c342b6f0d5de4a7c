import { DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from './config/app-config';
import { APP_CONFIG, ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { LoggingModule } from './logging/logging.module';
import { RedisModule } from './redis/redis.module';
import { redisOptionsFromUrl } from './redis/redis-options';

// Everything every process needs: config, logs, Postgres, Redis and the BullMQ connection.
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        RedisModule,
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (appConfig: AppConfig) => ({
            connection: { ...redisOptionsFromUrl(appConfig.redisUrl), maxRetriesPerRequest: null },
            prefix: appConfig.queuePrefix,
          }),
        }),
      ],
    };
  }
}
