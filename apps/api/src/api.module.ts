import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AppConfig, CoreModule, createValidationPipe, HealthModule, HttpErrorFilter } from '@app/core';
import { AlertsModule, AlertsWorkerModule } from '@app/alerts';
import { BrowserSdkModule } from '@app/browser-sdk';
import { IngestModule } from '@app/ingest';
import { MetricsApiModule, MetricsRollupModule } from '@app/metrics';
import { ConnectorsApiModule } from '@app/platforms';
import { StorageMaintenanceModule } from '@app/storage';
import { TenancyModule } from '@app/tenancy';
import { DeliveryModule } from '@app/delivery';
import { TikTokEventNamesModule } from '@app/tiktok';
import { PlatformComposition, PLATFORMS_COMPOSITION } from '@app/composition';

// The api's entry module: the dashboard API and ingest over one CoreModule. With
// TRACKLAYER_ROLES=api,worker the process also runs the worker's lib modules (the same ones
// apps/worker composes), never the worker app itself. The pipe and filter are providers, not
// app.use* calls, so every test that builds this module gets exactly the production pipeline.
@Module({})
export class ApiModule {
  // `platforms` is PLATFORMS_COMPOSITION; a test may add one (test/connectors/plug-in-platform.e2e-spec.ts).
  static forRoot(config: AppConfig, platforms: PlatformComposition = PLATFORMS_COMPOSITION): DynamicModule {
    const workerRole = config.roles.includes('worker') ? [DeliveryModule.forRoot(platforms), MetricsRollupModule, StorageMaintenanceModule, AlertsWorkerModule] : [];
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(config),
        HealthModule,
        TenancyModule,
        IngestModule,
        // The platforms connectors can be made for, chosen once.
        ConnectorsApiModule.forRoot(platforms),
        MetricsApiModule,
        AlertsModule,
        BrowserSdkModule,
        TikTokEventNamesModule,
        ...workerRole,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
