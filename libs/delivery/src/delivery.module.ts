import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import { EventsModule } from '@app/events';
import { MetricsModule } from '@app/metrics';
import { Platform, PlatformRegistry, PLATFORMS, PlatformsModule } from '@app/platforms';
import { DeliveryProcessor } from './delivery.processor';
import { DeliveryService } from './delivery.service';
import { DeliverySweeper } from './delivery.sweeper';

export interface DeliveryModuleOptions {
  // Modules that provide the platform implementations listed in `platforms`.
  imports: NonNullable<ModuleMetadata['imports']>;
  platforms: Array<Type<Platform>>;
}

// The worker side of every platform: the delivery queue consumer, the engine and the outbox
// sweeper, over the platforms the app composes (the same list as ConnectorsApiModule.forRoot).
@Module({})
export class DeliveryModule {
  static forRoot(options: DeliveryModuleOptions): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [PlatformsModule, EventsModule, MetricsModule, ...options.imports],
      providers: [
        { provide: PLATFORMS, useFactory: (...platforms: Platform[]) => platforms, inject: options.platforms },
        PlatformRegistry,
        DeliveryService,
        DeliveryProcessor,
        DeliverySweeper,
      ],
      exports: [DeliverySweeper, DeliveryService],
    };
  }
}
