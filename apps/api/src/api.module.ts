import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { createValidationPipe, HealthModule, HttpErrorFilter } from '@app/core';
import { BrowserSdkModule } from '@app/browser-sdk';
import { IngestModule } from '@app/ingest';
import { MetricsApiModule } from '@app/metrics';
import { ConnectorsApiModule } from '@app/platforms';
import { TenancyModule } from '@app/tenancy';
import { TikTokEventNamesModule } from '@app/tiktok';

// The HTTP side: dashboard API and ingest. The pipe and filter are providers, not app.use*
// calls, so every test that builds this module gets exactly the production pipeline.
@Module({
  imports: [HealthModule, TenancyModule, IngestModule, ConnectorsApiModule, MetricsApiModule, BrowserSdkModule, TikTokEventNamesModule],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: HttpErrorFilter },
  ],
})
export class ApiModule {}
