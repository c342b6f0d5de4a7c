import { Module } from '@nestjs/common';
import { MetricsModule } from './metrics.module';
import { MetricsRollupScheduler } from './recording/metrics-rollup.scheduler';

// The periodic roll-up, for the worker role.
@Module({ imports: [MetricsModule], providers: [MetricsRollupScheduler] })
export class MetricsRollupModule {}
