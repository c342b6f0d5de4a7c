import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@app/core';
import { PrometheusMetrics } from './prometheus-metrics';

// Scraped by Prometheus on the api port; it holds no tenant data, so it needs no token.
@ApiExcludeController()
@Public()
@Controller('metrics')
export class PrometheusController {
  constructor(private readonly metrics: PrometheusMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
