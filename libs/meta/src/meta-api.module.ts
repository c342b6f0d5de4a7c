import { Module } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@app/core';
import { MetaClient } from './client/meta.client';
import { MetaPayloadMapper } from './mapping/meta-payload.mapper';
import { MetaCredentialCheck } from './platform/meta-credential.check';
import { MetaUserDataNormalizer } from './user-data/meta-user-data.normalizer';

// Meta's Conversions API as TrackLayer uses it: one pooled client per process, the user-data
// normalizer, the payload mapper and the credential check. Not composed into any app yet: the
// platform contract and delivery engine of issue #17 register it.
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
  ],
  exports: [MetaClient, MetaCredentialCheck, MetaPayloadMapper, MetaUserDataNormalizer],
})
export class MetaApiModule {}
