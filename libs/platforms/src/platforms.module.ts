import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { QueueName } from '@app/core';
import { ConnectorsRepository } from './connectors/connectors.repository';
import { DeliveryConnectorsService } from './connectors/delivery-connectors.service';
import { WorkspacePlatforms } from './connectors/workspace-platforms';
import { DeliveriesRepository } from './deliveries/deliveries.repository';
import { DeliveryLogsRepository } from './deliveries/delivery-logs.repository';
import { DeliveryOutbox } from './deliveries/delivery-outbox';
import { DeliveryQueueMonitor } from './deliveries/delivery-queue.monitor';
import { CredentialVaultProvider } from './vault/credential-vault.provider';
import { CredentialVault } from './vault/credential-vault';

// Connectors, deliveries and delivery logs as every process needs them: the owner repositories of
// those tables, the credential vault, and the delivery queue. Import it where they are used. The
// platform list is the apps' composition (libs/composition), given to ConnectorsApiModule.forRoot
// and DeliveryModule.forRoot.
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Delivery })],
  providers: [
    CredentialVaultProvider,
    ConnectorsRepository,
    DeliveriesRepository,
    DeliveryLogsRepository,
    DeliveryOutbox,
    DeliveryConnectorsService,
    DeliveryQueueMonitor,
    WorkspacePlatforms,
  ],
  exports: [
    CredentialVault,
    ConnectorsRepository,
    DeliveriesRepository,
    DeliveryLogsRepository,
    DeliveryOutbox,
    DeliveryConnectorsService,
    WorkspacePlatforms,
    BullModule,
  ],
})
export class PlatformsModule {}
