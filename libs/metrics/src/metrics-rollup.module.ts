import { Module } from '@nestjs/common';
import { MetricsRollupScheduler } from './recording/metrics-rollup.scheduler';

// The periodic roll-up, for the worker role (MetricsRollup itself is in the global MetricsModule).
@Module({ providers: [MetricsRollupScheduler] })
export class MetricsRollupModule {}
