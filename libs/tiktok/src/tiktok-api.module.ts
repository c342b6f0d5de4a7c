import { Module } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@app/core';
import { TikTokClient } from './client/tiktok.client';
import { TikTokPayloadMapper } from './mapping/tiktok-payload.mapper';
import { TikTokPlatform } from './platform/tiktok.platform';

// TikTok's Events API as TrackLayer uses it: one pooled HTTP client per process, the payload
// mapper, and TikTok's implementation of the Platform interface for connectors.
@Module({
  providers: [
    {
      provide: TikTokClient,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new TikTokClient({ baseUrl: config.tiktokApiBaseUrl, timeoutMs: config.tiktokTimeoutMs }),
    },
    TikTokPayloadMapper,
    TikTokPlatform,
  ],
  exports: [TikTokClient, TikTokPayloadMapper, TikTokPlatform],
})
export class TikTokApiModule {}
