import { Module } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@app/core';
import { MetaClient } from './client/meta.client';
import { MetaPayloadMapper } from './mapping/meta-payload.mapper';
import { MetaCredentialCheck } from './platform/meta-credential.check';
import { MetaPlatform } from './platform/meta.platform';
import { MetaUserDataNormalizer } from './user-data/meta-user-data.normalizer';

// Meta's Conversions API as TrackLayer uses it: one pooled client per process, the user-data
// normalizer, the payload mapper, the credential check and MetaPlatform, the platform adapter the
// apps register (ConnectorsApiModule.forRoot, DeliveryModule.forRoot).
@Module({
  providers: [
    {
      provide: MetaClient,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new MetaClient({
          baseUrl: config.meta.apiBaseUrl,
          apiVersion: config.meta.apiVersion,
          timeoutMs: config.meta.timeoutMs,
          accessTokenIn: config.meta.accessTokenIn,
        }),
    },
    {
      provide: MetaCredentialCheck,
      inject: [MetaClient, APP_CONFIG],
      useFactory: (client: MetaClient, config: AppConfig) => new MetaCredentialCheck(client, config.meta.credentialCheck),
    },
    MetaPayloadMapper,
    MetaUserDataNormalizer,
    MetaPlatform,
  ],
  exports: [MetaClient, MetaCredentialCheck, MetaPayloadMapper, MetaUserDataNormalizer, MetaPlatform],
})
export class MetaApiModule {}
