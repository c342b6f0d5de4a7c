import { Module } from '@nestjs/common';
import { PlatformsModule } from '@app/platforms';
import { PrometheusMetrics } from './prometheus/prometheus-metrics';
import { MetricsRecorder } from './recording/metrics.recorder';
import { MetricsRepository } from './recording/metrics.repository';
import { MetricsRollup } from './recording/metrics.rollup';

// Counters for every process: ingest and delivery record into them (import this module), the
// report reads them. The HTTP side is MetricsApiModule, the worker's roll-up MetricsRollupModule.
@Module({
  imports: [PlatformsModule],
  providers: [MetricsRepository, MetricsRecorder, MetricsRollup, PrometheusMetrics],
  exports: [MetricsRecorder, MetricsRollup, PrometheusMetrics, MetricsRepository],
})
export class MetricsModule {}
