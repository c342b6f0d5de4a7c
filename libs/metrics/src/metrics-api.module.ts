import { Module } from '@nestjs/common';
import { PlatformsModule } from '@app/platforms';
import { MetricsModule } from './metrics.module';
import { PrometheusController } from './prometheus/prometheus.controller';
import { MetricsController } from './report/metrics.controller';
import { MetricsService } from './report/metrics.service';

// The report reads the connectors' platforms from the api's platform registry.
@Module({ imports: [MetricsModule, PlatformsModule], controllers: [MetricsController, PrometheusController], providers: [MetricsService] })
export class MetricsApiModule {}
