import { Module } from '@nestjs/common';
import { ConnectorsController } from './connectors/connectors.controller';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { PlatformsController } from './platform/platforms.controller';

// The HTTP face of platforms and connectors, for the api only; the services come from the global PlatformsModule.
@Module({ controllers: [PlatformsController, ConnectorsController, DeliveriesController] })
export class ConnectorsApiModule {}
