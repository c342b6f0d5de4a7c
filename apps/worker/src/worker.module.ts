import { DynamicModule, Module } from '@nestjs/common';
import { AlertsWorkerModule } from '@app/alerts';
import { AppConfig, CoreModule } from '@app/core';
import { MetricsRollupModule } from '@app/metrics';
import { StorageMaintenanceModule } from '@app/storage';
import { DeliveryModule } from '@app/delivery';
import { PlatformComposition, PLATFORMS_COMPOSITION } from '@app/composition';

// The worker's entry module: queue consumers and periodic jobs over one CoreModule, no HTTP.
// (apps/api composes the same lib modules when one process runs both roles.)
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, platforms: PlatformComposition = PLATFORMS_COMPOSITION): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(config), DeliveryModule.forRoot(platforms), MetricsRollupModule, StorageMaintenanceModule, AlertsWorkerModule] };
  }
}
