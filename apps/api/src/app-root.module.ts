import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@app/core';
import { MetricsModule } from '@app/metrics';
import { PlatformsModule } from '@app/platforms';
import { TikTokApiModule, TikTokPlatform } from '@app/tiktok';
import { WorkerModule } from '../../worker/src/worker.module';
import { ApiModule } from './api.module';

// One process can run the api, the worker or both (TRACKLAYER_ROLES), over one CoreModule.
// The platforms TrackLayer delivers to are chosen here, once.
@Module({})
export class AppRootModule {
  static forRoot(config: AppConfig): DynamicModule {
    const roles = [config.roles.includes('api') ? ApiModule : null, config.roles.includes('worker') ? WorkerModule : null];
    return {
      module: AppRootModule,
      imports: [
        CoreModule.forRoot(config),
        PlatformsModule.forRoot({ imports: [TikTokApiModule], platforms: [TikTokPlatform] }),
        MetricsModule,
        ...roles.filter((m) => m !== null),
      ],
    };
  }
}
