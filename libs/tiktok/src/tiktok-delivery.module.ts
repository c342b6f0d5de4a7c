import { Module } from '@nestjs/common';
import { EventsModule } from '@app/events';
import { MetricsModule } from '@app/metrics';
import { PlatformsModule } from '@app/platforms';
import { TikTokApiModule } from './tiktok-api.module';
import { DeliveryProcessor } from './delivery/delivery.processor';
import { DeliverySweeper } from './delivery/delivery.sweeper';
import { TikTokDeliveryService } from './delivery/tiktok-delivery.service';

// The worker side of TikTok: the delivery queue consumer and the outbox sweeper.
@Module({
  imports: [TikTokApiModule, PlatformsModule, EventsModule, MetricsModule],
  providers: [TikTokDeliveryService, DeliveryProcessor, DeliverySweeper],
  exports: [DeliverySweeper],
})
export class TikTokDeliveryModule {}
