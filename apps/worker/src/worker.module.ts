import { Module } from '@nestjs/common';
import { TikTokDeliveryModule } from '@app/tiktok';

// Queue consumers only, no HTTP.
@Module({ imports: [TikTokDeliveryModule] })
export class WorkerModule {}
