import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig, CombinedStatement, Database, InjectConfig, NormalizedEvent, PartitionKeyRange, partitionKeyRange, Transaction, WorkspaceId } from '@app/core';
import { EventsRepository } from '@app/events';
import { DeliveredBatchFacts, deliveryIncrements, Metric, MetricsRecorder, PrometheusMetrics, sentIncrements } from '@app/metrics';
import {
  AttemptStart,
  ClaimedDelivery,
  Connector,
  DeliveriesRepository,
  DeliveryConnectorsService,
  DeliveryLogsRepository,
  Platform,
  PlatformRegistry,
  PlatformSendOutcome,
  planInDoubt,
  SettledOutcome,
} from '@app/platforms';
import { ConnectorRateLimiter } from './connector-rate.limiter';
import { decideDelivery, DeliveryDecision } from './delivery-retry.policy';

// 'idle': nothing was due; 'stop': the platform asked us to back off.
type BatchResult = 'continue' | 'idle' | 'stop';

// Events read from the connector's cursor per materialization (one transaction, before a claim).
const MATERIALIZE_BATCH = 5_000;

// The attempt's own transactions run while the claim's transaction holds the claimed rows, so a
// lock they wait for must never be held by someone waiting on those rows: deleting the connector
// (or its workspace) locks the connector row, then waits on the claimed deliveries it cascades to,
// while the attempt's insert waits on that connector row for its foreign key. Postgres sees no
// cycle (the claim waits in this process, not on a lock), so the attempt gives up instead: the
// claim rolls back before any request left, and the delete goes on.
const ATTEMPT_LOCK_TIMEOUT_MS = 2_000;

const IN_DOUBT_HELD_MESSAGE = 'In doubt: an earlier request may have delivered these events; replay them to send them again';

// The claim's transaction ended while its request was in flight (the database terminated the
// connection): nothing can be settled, so the attempt stays in doubt for the next claimer.
class ClaimLostError extends Error {
  constructor(cause: unknown) {
    super('The database connection of the claim was lost during the request; its attempt is left in doubt', { cause });
    this.name = 'ClaimLostError';
  }
}

// The one delivery engine: sends a connector's due deliveries to its platform, one batch per
// request, until none is due or the platform asks us to back off. Everything platform-specific
// (names, mapping, batch limit, the request and the reading of its answer, the in-doubt policy)
// comes from the connector's Platform in the registry. Runs inside a BullMQ job; safe to run in
// several workers at once. Each request is recorded (committed) before it leaves, then settled
// with its answer in the claim's transaction, which holds the claimed rows for the length of the request.
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);
  // Connectors of a platform this process lacks, already logged.
  private readonly unknownPlatformLogged = new Set<string>();
  private readonly rateLimiter: ConnectorRateLimiter;

  constructor(
    private readonly db: Database,
    private readonly store: DeliveriesRepository,
    private readonly attempts: DeliveryLogsRepository,
    private readonly events: EventsRepository,
    private readonly connectors: DeliveryConnectorsService,
    private readonly platforms: PlatformRegistry,
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

  // Each batch first materializes the connector's next events (their pending rows, from its
  // cursor), then claims due rows as ever. Materializing comes before the connector is opened, so
  // an invalid connector's events get their (held) rows too.
  async drain(workspaceId: WorkspaceId, connectorId: string): Promise<void> {
    while (!this.stopping) {
      const materialized = await this.store.materialize(workspaceId, connectorId, MATERIALIZE_BATCH);
      const opened = await this.connectors.openForDelivery(workspaceId, connectorId);
      if (!opened) return;
      const platform = this.platformOf(opened.connector);
      if (!platform) return;
      await this.rateLimiter.wait(connectorId);
      const result = await this.db.transaction((tx) => this.sendBatch(tx, platform, opened.connector, opened.accessToken));
      if (result === 'stop') return;
      // Nothing due, but the cursor has more to read (rows that were there already, or all held).
      if (result === 'idle' && !materialized.more) return;
    }
  }

  // A connector of a platform this process was not composed with stays pending (never dropped):
  // a worker that has the platform will deliver it. Said once per connector, not per sweep.
  private platformOf(connector: Connector): Platform | undefined {
    const platform = this.platforms.find(connector.platform);
    if (platform === undefined && !this.unknownPlatformLogged.has(connector.id)) {
      this.unknownPlatformLogged.add(connector.id);
      this.logger.error({ workspaceId: connector.workspaceId, connectorId: connector.id, platform: connector.platform }, 'No platform adapter for this connector in this process; its deliveries stay pending');
    }
    return platform;
  }

  private async sendBatch(tx: Transaction, platform: Platform, connector: Connector, accessToken: string): Promise<BatchResult> {
    const { workspaceId, id: connectorId } = connector;
    const limit = Math.max(1, Math.min(this.config.delivery.batchSize, platform.batchLimit(connector)));
    const claimed = await this.store.claimDue(workspaceId, connectorId, limit, tx);
    if (claimed.length === 0) return 'idle';
    // Every statement on the batch's rows and events keeps to the days they are in.
    const received = partitionKeyRange(claimed.map((delivery) => delivery.eventReceivedAt));
    // The payloads of the claimed rows only (retention deletes an event with its deliveries, and
    // drops a day's events and deliveries together, so each is there).
    const payloads = await this.events.payloads(
      workspaceId,
      claimed.map((delivery) => delivery.eventRef),
      received,
      tx,
    );

    const inDoubt = await this.inDoubtOf(tx, platform, connector, claimed, received);
    const toSend: ClaimedDelivery[] = [];
    const events: unknown[] = [];
    const dropped: string[] = [];
    const droppedNames: DeliveredBatchFacts['names'] = [];
    const sentNames: DeliveredBatchFacts['names'] = [];
    for (const delivery of claimed) {
      if (inDoubt.held.has(delivery.id)) continue;
      const event = payloads.get(delivery.eventRef) as NormalizedEvent;
      const name = platform.resolveEventName(event.eventName, connector);
      if ('dropped' in name) {
        dropped.push(delivery.id);
        droppedNames.push({ source: event.eventName, mapped: 'dropped' });
        continue;
      }
      sentNames.push({ source: event.eventName, tiktok: name.name, mapped: name.mapped });
      toSend.push(delivery);
      events.push(platform.mapEvent(event, name.name, connector));
    }
    await this.store.markFinal(workspaceId, dropped, received, 'skipped', undefined, 'Unmapped event name; the connector drops unmapped events', tx);
    if (toSend.length === 0) {
      await this.recorder.record(tx, workspaceId, new Date(), [
        ...deliveryIncrements({ connectorId, names: droppedNames, outcome: 'other', events: 0 }),
        { metric: Metric.InDoubt, connectorId, value: inDoubt.held.size },
      ]);
      // No request follows to carry the marking: it commits on its own.
      if (inDoubt.attemptIds.length > 0) await this.markInDoubt(workspaceId, inDoubt.attemptIds);
      return 'continue';
    }

    const request = platform.buildRequest(events, connector);
    const attempt = Math.max(...toSend.map((d) => d.attempts)) + 1;
    const resentEvents = toSend.filter((d) => inDoubt.resent.has(d.id)).length;
    const attemptId = await this.startAttempt(
      { workspaceId, connectorId, requestKey: randomUUID(), attempt, deliveryIds: toSend.map((d) => d.id), resentEvents },
      inDoubt.attemptIds,
    );
    this.prometheus.deliveryRequests.inc({ platform: connector.platform });
    this.prometheus.deliverySentEvents.inc({ platform: connector.platform, resent: 'false' }, toSend.length - resentEvents);
    if (resentEvents > 0) {
      this.prometheus.deliverySentEvents.inc({ platform: connector.platform, resent: 'true' }, resentEvents);
      this.logger.warn({ workspaceId, connectorId, attemptId, attempt, resentEvents }, 'Sending events of an in-doubt attempt again');
    }

    const result = await platform.send(accessToken, request, connector, tx.connectionLost);
    if (tx.connectionLost.aborted) throw new ClaimLostError(tx.connectionLost.reason);

    const decision = decideDelivery(result.outcome, attempt, Date.now() - Math.min(...toSend.map((d) => d.retrySince.getTime())), this.config.delivery);
    const ids = toSend.map((d) => d.id);
    const message = result.outcome.platformMessage;
    const code = result.outcome.platformCode;

    // A platform that refuses a whole request for one event (Meta) names it: only that event is
    // rejected, the others go again at once, in this drain, without it.
    const culprit = decision.kind === 'rejected' ? culpritOf(result.outcome, toSend.length) : undefined;
    switch (decision.kind) {
      case 'delivered':
        await this.store.markDelivered(workspaceId, ids, received, tx);
        break;
      case 'rejected':
        if (culprit === undefined) {
          await this.store.markFinal(workspaceId, ids, received, 'rejected', code, message, tx);
          break;
        }
        await this.store.markFinal(workspaceId, [ids[culprit]], received, 'rejected', code, message, tx);
        await this.store.scheduleRetries(
          workspaceId,
          ids.filter((_, index) => index !== culprit).map((id) => ({ id, delayMs: 0 })),
          received,
          code,
          `Sent again without event ${culprit} of the batch, which ${platform.displayName} refused: ${message}`,
          tx,
        );
        break;
      case 'failed':
        await this.store.markFinal(workspaceId, ids, received, 'failed', code, message, tx);
        break;
      case 'retry':
        await this.store.scheduleRetries(
          workspaceId,
          toSend.map((d) => ({ id: d.id, delayMs: decision.delayMs })),
          received,
          code,
          message,
          tx,
        );
        break;
      case 'hold':
        await this.store.holdForCredentials(workspaceId, ids, received, message, tx);
        await this.connectors.markInvalid(
          workspaceId,
          connectorId,
          { reason: `${platform.displayName} refused the access token: ${message}`, platformCode: code ?? null, platformMessage: message },
          tx,
        );
        this.logger.warn({ workspaceId, connectorId, code }, 'Connector marked invalid; its deliveries are held');
        break;
    }
    const final = decision.kind === 'delivered' || decision.kind === 'rejected' ? decision.kind : 'other';
    // With a culprit, only it is settled for good; the others are counted when they are.
    const settledNames = final === 'other' ? [] : culprit === undefined ? sentNames : [sentNames[culprit]];
    const settledEvents = culprit === undefined ? toSend.length : 1;
    await this.recorder.record(tx, workspaceId, new Date(), [
      ...deliveryIncrements({ connectorId, names: [...droppedNames, ...settledNames], outcome: final, platformCode: code, events: settledEvents }),
      { metric: Metric.InDoubt, connectorId, value: inDoubt.held.size },
    ]);
    this.prometheus.deliveryEvents.inc({ outcome: OUTCOME_BY_DECISION[decision.kind], code: String(code ?? result.httpStatus ?? 'none') }, settledEvents);
    if (culprit !== undefined) this.prometheus.deliveryEvents.inc({ outcome: 'retry', code: String(code ?? 'none') }, toSend.length - 1);
    await this.attempts.settle(
      workspaceId,
      attemptId,
      {
        outcome: OUTCOME_BY_DECISION[decision.kind],
        httpStatus: result.httpStatus,
        platformCode: code,
        platformMessage: message,
        requestId: result.outcome.requestId,
        latencyMs: result.latencyMs,
        requestBody: request,
      },
      tx,
    );
    return decision.kind === 'delivered' || decision.kind === 'rejected' ? 'continue' : 'stop';
  }

  // Claimed rows that a crashed attempt carried: resent (counting that attempt) or held, as the
  // platform declares. Holds are settled in the claim's transaction like any final status.
  private async inDoubtOf(
    tx: Transaction,
    platform: Platform,
    connector: Connector,
    claimed: ClaimedDelivery[],
    received: PartitionKeyRange,
  ): Promise<{ resent: Set<string>; held: Set<string>; attemptIds: string[] }> {
    const { workspaceId, id: connectorId } = connector;
    const since = new Date(Math.min(...claimed.map((d) => d.retrySince.getTime())));
    const unsettled = await this.attempts.carrying(
      workspaceId,
      connectorId,
      since,
      claimed.map((d) => d.id),
      tx,
    );
    const plan = planInDoubt(platform.inDoubt, claimed, unsettled, new Date());
    if (plan.attemptIds.length === 0) return { resent: new Set(), held: new Set(), attemptIds: [] };
    await this.store.countInDoubtAttempts(workspaceId, plan.resend, received, tx);
    for (const delivery of claimed) delivery.attempts = Math.max(delivery.attempts, plan.resend.get(delivery.id) ?? 0);
    await this.store.markFinal(workspaceId, plan.hold, received, 'in_doubt', undefined, IN_DOUBT_HELD_MESSAGE, tx);
    this.logger.warn(
      { workspaceId, connectorId, attemptIds: plan.attemptIds, resend: plan.resend.size, held: plan.hold.length },
      'Found deliveries of attempts that never settled (their worker stopped mid-request)',
    );
    return { resent: new Set(plan.resend.keys()), held: new Set(plan.hold), attemptIds: plan.attemptIds };
  }

  // Its own short transaction, committed before the request leaves: the request is on the record
  // (and counted as sent) whatever happens to the worker next. The in-doubt attempts it resends
  // are marked in the same statement.
  private async startAttempt(start: AttemptStart, inDoubtAttemptIds: string[]): Promise<string> {
    const statement = new CombinedStatement(start.workspaceId);
    const started = this.attempts.addStart(statement, start, start.deliveryIds.length);
    this.attempts.addMarkInDoubt(statement, inDoubtAttemptIds);
    this.recorder.addRecord(
      statement,
      new Date(),
      sentIncrements({ connectorId: start.connectorId, events: start.deliveryIds.length, resentEvents: start.resentEvents }),
    );
    const result = await this.db.transaction((tx) => statement.run(tx), { lockTimeoutMs: ATTEMPT_LOCK_TIMEOUT_MS });
    return result.rows(started)[0].id;
  }

  private async markInDoubt(workspaceId: WorkspaceId, attemptIds: string[]): Promise<void> {
    const statement = new CombinedStatement(workspaceId);
    this.attempts.addMarkInDoubt(statement, attemptIds);
    await this.db.transaction((tx) => statement.run(tx), { lockTimeoutMs: ATTEMPT_LOCK_TIMEOUT_MS });
  }
}

// The index of the one event a rejection names, when the batch has others worth sending again.
function culpritOf(outcome: PlatformSendOutcome, batchSize: number): number | undefined {
  if (outcome.outcome !== 'rejected' || outcome.eventIndex === undefined || batchSize < 2) return undefined;
  return Number.isInteger(outcome.eventIndex) && outcome.eventIndex >= 0 && outcome.eventIndex < batchSize ? outcome.eventIndex : undefined;
}

const OUTCOME_BY_DECISION: Record<DeliveryDecision['kind'], SettledOutcome> = {
  delivered: 'delivered',
  retry: 'retry',
  rejected: 'rejected',
  failed: 'failed',
  hold: 'credentials_invalid',
};
