import { Module } from '@nestjs/common';
import { MetricsModule } from './metrics.module';
import { PrometheusController } from './prometheus/prometheus.controller';
import { MetricsController } from './report/metrics.controller';

@Module({ imports: [MetricsModule], controllers: [MetricsController, PrometheusController] })
export class MetricsApiModule {}
