import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig, InjectConfig, PeriodicTask, WorkspaceId } from '@app/core';
import { EventsRepository } from '@app/events';
import { coveringSpans, Metric, MetricsRepository, NO_CONNECTOR } from '@app/metrics';
import { ConnectorsRepository } from '@app/platforms';
import { evaluateAlertRules } from './alert-rules';
import { AlertsRepository } from './alerts.repository';

const WORKSPACES_PER_PAGE = 500;
// Resolved alerts deleted per run, so the clean-up never holds the table for long.
const RETENTION_BATCH = 5_000;

// Runs in the worker, never on the ingest path: every ALERTS_EVALUATE_INTERVAL_MS it reads each
// workspace that has a connector (its connectors, newest event, and received and rejected counts
// of the rejection window), raises the alerts whose condition holds and resolves the others.
@Injectable()
export class AlertRulesRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertRulesRunner.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly alerts: AlertsRepository,
    private readonly connectors: ConnectorsRepository,
    private readonly events: EventsRepository,
    private readonly metrics: MetricsRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.task = new PeriodicTask(
      () => this.run().catch((error: unknown) => this.logger.warn({ err: error }, 'Alert rules failed; trying again at the next interval')),
      config.alerts.evaluateIntervalMs,
    );
  }

  // Returns the alerts raised. Also bounds what is kept: resolved alerts past ALERTS_RETENTION_DAYS.
  async run(now = new Date()): Promise<number> {
    await this.alerts.deleteResolvedBefore(this.config.alerts.retentionDays, RETENTION_BATCH);
    let raised = 0;
    for (let after: string | null = null; ; ) {
      const page = await this.connectors.workspacesWithConnectors(after, WORKSPACES_PER_PAGE);
      for (const { workspaceId } of page) {
        // One workspace failing (deleted meanwhile, a bad row) must not stop the others' alerts.
        raised += await this.evaluate(workspaceId, now).catch((error: unknown) => {
          this.logger.warn({ err: error, workspaceId }, 'Alert rules failed for a workspace');
          return 0;
        });
      }
      if (page.length < WORKSPACES_PER_PAGE) return raised;
      after = page[page.length - 1].workspaceId;
    }
  }

  async evaluate(workspaceId: WorkspaceId, now: Date): Promise<number> {
    const limits = this.config.alerts;
    const from = new Date(now.getTime() - limits.rejectionWindowMinutes * 60_000);
    // A minute ahead, so the events of the current minute count (spans are whole minutes).
    const spans = coveringSpans(from, new Date(now.getTime() + 60_000));
    const [connectors, lastEventAt, counters, open] = await Promise.all([
      this.connectors.list(workspaceId),
      this.events.lastReceivedAt(workspaceId),
      spans.length === 0 ? Promise.resolve([]) : this.metrics.counters(workspaceId, spans, NO_CONNECTOR, null),
      this.alerts.listOpen(workspaceId),
    ]);
    const count = (metric: string) => counters.filter((row) => row.metric === metric).reduce((sum, row) => sum + row.value, 0);
    const decisions = evaluateAlertRules(
      { now, connectors, lastEventAt, received: count(Metric.Received), rejected: count(Metric.Rejected), open },
      limits,
    );
    await this.alerts.resolve(workspaceId, decisions.resolve);
    let raised = 0;
    for (const alert of decisions.raise) {
      if (!(await this.alerts.raise(workspaceId, randomUUID(), alert))) continue;
      raised++;
      this.logger.warn({ workspaceId, kind: alert.kind, subject: alert.subject }, `Alert raised: ${alert.message}`);
    }
    return raised;
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }
}
