import { Global, Module } from '@nestjs/common';
import { PrometheusMetrics } from './prometheus/prometheus-metrics';
import { MetricsRecorder } from './recording/metrics.recorder';
import { MetricsRollup } from './recording/metrics.rollup';
import { MetricsService } from './report/metrics.service';

// Counters for every process (ingest and delivery record into them); global so feature modules
// need not import it. The HTTP side is MetricsApiModule.
@Global()
@Module({
  providers: [MetricsRecorder, MetricsRollup, PrometheusMetrics, MetricsService],
  exports: [MetricsRecorder, MetricsRollup, PrometheusMetrics, MetricsService],
})
export class MetricsModule {}
