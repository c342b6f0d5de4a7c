import { DynamicModule, Global, Module, ModuleMetadata, Type } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { QueueName, ScopedRepositoryModule } from '@app/core';
import { DeliveryAttemptStore } from './deliveries/delivery-attempt.store';
import { DeliveryOutbox } from './deliveries/delivery-outbox';
import { DeliveryQueueMonitor } from './deliveries/delivery-queue.monitor';
import { DeliveryStore } from './deliveries/delivery.store';
import { Connector } from './connectors/connector.entity';
import { ConnectorsService } from './connectors/connectors.service';
import { Platform, PLATFORMS } from './platform/platform';
import { PlatformRegistry } from './platform/platform.registry';
import { CredentialVaultProvider } from './vault/credential-vault.provider';
import { CredentialVault } from './vault/credential-vault';

export interface PlatformsModuleOptions {
  // Modules that provide the platform implementations listed in `platforms`.
  imports: ModuleMetadata['imports'];
  platforms: Array<Type<Platform>>;
}

// Connectors and their credentials, for the api and the worker alike. The app decides which
// platforms exist, so adding Meta later touches the app's composition, not ingest or this module.
@Global()
@Module({})
export class PlatformsModule {
  static forRoot(options: PlatformsModuleOptions): DynamicModule {
    return {
      module: PlatformsModule,
      imports: [
        ScopedRepositoryModule.forFeature([Connector]),
        BullModule.registerQueue({ name: QueueName.Delivery }),
        ...(options.imports ?? []),
      ],
      providers: [
        { provide: PLATFORMS, useFactory: (...platforms: Platform[]) => platforms, inject: options.platforms },
        PlatformRegistry,
        CredentialVaultProvider,
        ConnectorsService,
        DeliveryOutbox,
        DeliveryStore,
        DeliveryAttemptStore,
        DeliveryQueueMonitor,
      ],
      exports: [ConnectorsService, PlatformRegistry, CredentialVault, DeliveryOutbox, DeliveryStore, DeliveryAttemptStore, BullModule],
    };
  }
}
