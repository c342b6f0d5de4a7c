import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig, WorkspaceId } from '@app/core';
import { ConnectorsRepository, DeliveriesRepository, PlatformRegistry } from '@app/platforms';
import { Metric, NO_CONNECTOR } from '../recording/metric-names';
import { MetricsRepository } from '../recording/metrics.repository';
import { coveringSpans, seriesGranularity } from './metrics-range';
import { buildMetricsReport, CounterRow, MetricsReport, SeriesRow } from './metrics-report';

const SERIES_METRICS = [Metric.Received, Metric.Rejected, Metric.Delivered, Metric.Accepted, Metric.HasTtclid];

// A read writes nothing: it costs what this workspace recorded, not what everyone did (the
// counters include the increments not folded yet, MetricsRepository).
@Injectable()
export class MetricsService {
  constructor(
    private readonly metrics: MetricsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly connectors: ConnectorsRepository,
    private readonly platforms: PlatformRegistry,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async report(workspaceId: WorkspaceId, from: Date, to: Date, connectorId?: string): Promise<MetricsReport> {
    const connector = connectorId ?? null;
    const [counters, series, pending, invalid, connectors] = await Promise.all([
      this.counters(workspaceId, from, to, connector),
      this.series(workspaceId, from, to, connector),
      this.deliveries.pendingSummary(workspaceId, connector),
      this.connectors.listInvalid(workspaceId, connector),
      this.connectors.list(workspaceId),
    ]);
    const connectorKinds = connectors
      .filter(({ id }) => connector === null || id === connector)
      .map(({ id, name, platform }) => {
        const adapter = this.platforms.get(platform);
        return { id, name, platform, platformName: adapter.displayName, kinds: adapter.clickIdKinds.map(({ kind }) => kind) };
      });
    return buildMetricsReport({
      from,
      to,
      counters,
      series,
      pending: pending.pending,
      oldestPendingAgeMinutes: pending.oldestMinutes,
      invalidConnectors: invalid,
      connectorKinds,
      thresholds: this.config.metricsThresholds,
    });
  }

  private counters(workspaceId: WorkspaceId, from: Date, to: Date, connector: string | null): Promise<CounterRow[]> {
    const spans = coveringSpans(from, to);
    return spans.length === 0 ? Promise.resolve([]) : this.metrics.counters(workspaceId, spans, NO_CONNECTOR, connector);
  }

  private async series(workspaceId: WorkspaceId, from: Date, to: Date, connector: string | null): Promise<SeriesRow[]> {
    const granularity = seriesGranularity(from, to);
    const rows = await this.metrics.series(workspaceId, granularity, from, to, SERIES_METRICS, NO_CONNECTOR, connector);
    const buckets = new Map<number, Record<string, number>>();
    for (const row of rows) {
      const key = new Date(row.bucket).getTime();
      buckets.set(key, { ...(buckets.get(key) ?? {}), [row.metric]: row.value });
    }
    return [...buckets.entries()].map(([time, values]) => ({
      bucket: new Date(time),
      received: values[Metric.Received] ?? 0,
      rejected: values[Metric.Rejected] ?? 0,
      delivered: values[Metric.Delivered] ?? 0,
      ttclidCoverage: values[Metric.Accepted] ? (values[Metric.HasTtclid] ?? 0) / values[Metric.Accepted] : 0,
    }));
  }
}
