import { Module } from '@nestjs/common';
import { ConnectorsController } from './connectors/connectors.controller';
import { DeliveriesController } from './deliveries/deliveries.controller';

// The HTTP face of connectors, for the api only; the services come from the global PlatformsModule.
@Module({ controllers: [ConnectorsController, DeliveriesController] })
export class ConnectorsApiModule {}
