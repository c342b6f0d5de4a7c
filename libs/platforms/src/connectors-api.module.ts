import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import { EventsModule } from '@app/events';
import { ConnectorsController } from './connectors/connectors.controller';
import { ConnectorsService } from './connectors/connectors.service';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { Platform, PLATFORMS } from './platform/platform';
import { PlatformsController } from './platform/platforms.controller';
import { PlatformRegistry } from './platform/platform.registry';
import { PlatformsModule } from './platforms.module';

export interface ConnectorsApiOptions {
  // Modules that provide the platform implementations listed in `platforms`.
  imports: ModuleMetadata['imports'];
  platforms: Array<Type<Platform>>;
}

// The HTTP face of platforms, connectors and deliveries, for the api, over the platforms of the
// composition (libs/composition); adding a platform touches that list, not ingest nor this module.
@Module({})
export class ConnectorsApiModule {
  static forRoot(options: ConnectorsApiOptions): DynamicModule {
    return {
      module: ConnectorsApiModule,
      // The registry is the one list of platforms, chosen here; ingest reads the click id kinds
      // they declare from it without knowing which platforms they are.
      global: true,
      imports: [PlatformsModule, EventsModule, ...(options.imports ?? [])],
      controllers: [PlatformsController, ConnectorsController, DeliveriesController],
      providers: [
        { provide: PLATFORMS, useFactory: (...platforms: Platform[]) => platforms, inject: options.platforms },
        PlatformRegistry,
        ConnectorsService,
      ],
      exports: [ConnectorsService, PlatformRegistry],
    };
  }
}
