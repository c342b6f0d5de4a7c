import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, InjectConfig } from '@app/core';
import { DeliveredBatchFacts, deliveryIncrements, MetricsRecorder, PrometheusMetrics } from '@app/metrics';
import { ClaimedDelivery, Connector, ConnectorsService, DeliveryOutcome, DeliveryStore } from '@app/platforms';
import { TikTokClient } from '../client/tiktok.client';
import { resolveTikTokEventName } from '../events/tiktok-event-name.resolver';
import { TikTokPayloadMapper } from '../mapping/tiktok-payload.mapper';
import { TikTokEvent } from '../mapping/tiktok-request.types';
import { ConnectorRateLimiter } from './connector-rate.limiter';
import { decideDelivery, DeliveryDecision } from './delivery-retry.policy';

type BatchResult = 'continue' | 'stop';

// Sends a connector's due deliveries to TikTok, one batch per request, until none is due or
// TikTok asks us to back off. Runs inside a BullMQ job; safe to run in several workers at once.
@Injectable()
export class TikTokDeliveryService {
  private readonly logger = new Logger(TikTokDeliveryService.name);
  private readonly rateLimiter: ConnectorRateLimiter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: DeliveryStore,
    private readonly connectors: ConnectorsService,
    private readonly client: TikTokClient,
    private readonly mapper: TikTokPayloadMapper,
    private readonly recorder: MetricsRecorder,
    private readonly prometheus: PrometheusMetrics,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.rateLimiter = new ConnectorRateLimiter(config.delivery.requestsPerSecond);
  }

  private stopping = false;

  // Graceful shutdown: finish the batch in flight (its outcome commits), start no new one.
  stop(): void {
    this.stopping = true;
  }

  async drain(workspaceId: string, connectorId: string): Promise<void> {
    while (!this.stopping) {
      const opened = await this.connectors.openForDelivery(workspaceId, connectorId);
      if (!opened || opened.connector.status !== 'active' || opened.connector.platform !== 'tiktok') return;
      await this.rateLimiter.wait(connectorId);
      const result = await this.dataSource.transaction((manager) => this.sendBatch(manager, opened.connector, opened.accessToken));
      if (result === 'stop') return;
    }
  }

  private async sendBatch(manager: EntityManager, connector: Connector, accessToken: string): Promise<BatchResult> {
    const { workspaceId, id: connectorId } = connector;
    // TIKTOK.md: events with a test_event_code go one per request.
    const limit = connector.testEventCode ? 1 : this.config.delivery.batchSize;
    const claimed = await this.store.claimDue(manager, workspaceId, connectorId, limit);
    if (claimed.length === 0) return 'stop';

    const toSend: ClaimedDelivery[] = [];
    const events: TikTokEvent[] = [];
    const dropped: string[] = [];
    const droppedNames: DeliveredBatchFacts['names'] = [];
    const sentNames: DeliveredBatchFacts['names'] = [];
    for (const delivery of claimed) {
      const name = resolveTikTokEventName(delivery.event.eventName, connector.eventMapping, connector.options.unmappedEvents);
      if ('dropped' in name) {
        dropped.push(delivery.id);
        droppedNames.push({ source: delivery.event.eventName, mapped: 'dropped' });
        continue;
      }
      sentNames.push({ source: delivery.event.eventName, tiktok: name.name, mapped: name.mapped });
      toSend.push(delivery);
      events.push(
        this.mapper.mapEvent(delivery.event, {
          tiktokEventName: name.name,
          sendIp: connector.options.sendIp,
          sendUserAgent: connector.options.sendUserAgent,
        }),
      );
    }
    await this.store.markFinal(manager, workspaceId, dropped, 'skipped', undefined, 'Unmapped event name; the connector drops unmapped events');
    if (toSend.length === 0) {
      await this.recorder.record(manager, workspaceId, new Date(), deliveryIncrements({ connectorId, names: droppedNames, outcome: 'other', events: 0 }));
      return 'continue';
    }

    const request = this.mapper.buildRequest(events, { pixelCode: connector.pixelCode, testEventCode: connector.testEventCode ?? undefined });
    const result = await this.client.send(accessToken, request);
    const attempt = Math.max(...toSend.map((d) => d.attempts)) + 1;
    const decision = decideDelivery(result.classification, attempt, Date.now() - Math.min(...toSend.map((d) => d.retrySince.getTime())), this.config.delivery);
    const ids = toSend.map((d) => d.id);
    const message = result.classification.platformMessage;
    const code = result.classification.platformCode;

    switch (decision.kind) {
      case 'delivered':
        await this.store.markDelivered(manager, workspaceId, ids);
        break;
      case 'rejected':
        await this.store.markFinal(manager, workspaceId, ids, 'rejected', code, message);
        break;
      case 'failed':
        await this.store.markFinal(manager, workspaceId, ids, 'failed', code, message);
        break;
      case 'retry':
        await this.store.scheduleRetries(
          manager,
          workspaceId,
          toSend.map((d) => ({ id: d.id, delayMs: decision.delayMs })),
          code,
          message,
        );
        break;
      case 'hold':
        await this.store.holdForCredentials(manager, workspaceId, ids, message);
        await this.connectors.markInvalid(workspaceId, connectorId, `TikTok refused the access token: ${message}`);
        this.logger.warn({ workspaceId, connectorId, code }, 'Connector marked invalid; its deliveries are held');
        break;
    }
    const final = decision.kind === 'delivered' || decision.kind === 'rejected' ? decision.kind : 'other';
    await this.recorder.record(
      manager,
      workspaceId,
      new Date(),
      deliveryIncrements({ connectorId, names: [...droppedNames, ...(final === 'other' ? [] : sentNames)], outcome: final, platformCode: code, events: toSend.length }),
    );
    this.prometheus.deliveryEvents.inc({ outcome: OUTCOME_BY_DECISION[decision.kind], code: String(code ?? result.httpStatus ?? 'none') }, toSend.length);
    await this.store.writeLog(manager, {
      workspaceId,
      connectorId,
      events: toSend.length,
      httpStatus: result.httpStatus,
      platformCode: code,
      platformMessage: message,
      requestId: result.requestId,
      latencyMs: result.latencyMs,
      outcome: OUTCOME_BY_DECISION[decision.kind],
      attempt,
      requestBody: decision.kind === 'delivered' ? undefined : request,
    });
    return decision.kind === 'delivered' || decision.kind === 'rejected' ? 'continue' : 'stop';
  }
}

const OUTCOME_BY_DECISION: Record<DeliveryDecision['kind'], DeliveryOutcome> = {
  delivered: 'delivered',
  retry: 'retry',
  rejected: 'rejected',
  failed: 'failed',
  hold: 'credentials_invalid',
};
