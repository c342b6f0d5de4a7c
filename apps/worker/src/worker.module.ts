import { Module } from '@nestjs/common';
import { MetricsRollupModule } from '@app/metrics';
import { TikTokDeliveryModule } from '@app/tiktok';

// Queue consumers and periodic jobs, no HTTP.
@Module({ imports: [TikTokDeliveryModule, MetricsRollupModule] })
export class WorkerModule {}
