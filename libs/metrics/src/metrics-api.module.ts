import { Module } from '@nestjs/common';
import { PrometheusController } from './prometheus/prometheus.controller';
import { MetricsController } from './report/metrics.controller';

@Module({ controllers: [MetricsController, PrometheusController] })
export class MetricsApiModule {}
