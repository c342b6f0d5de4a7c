import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, DomainError, InjectConfig, NormalizedEvent } from '@app/core';
import { EventDedupStore } from '@app/dedup';
import { AcceptedEventFacts, ingestIncrements, MetricsRecorder, PrometheusMetrics } from '@app/metrics';
import { DeliveryOutbox } from '@app/platforms';
import { ClickIdRestorer } from '../click-ids/click-id.restorer';
import { ClickIdStore } from '../click-ids/click-id.store';
import { visitorIdentities } from '../click-ids/visitor-identities';
import { ResolvedIngestKey } from '../keys/ingest-key.cache';
import { normalizeEvent } from '../normalization/event.normalizer';
import { RequestContext } from '../normalization/request-context';
import { validateIngestEvent } from '../validation/ingest-event.validator';
import { parseIngestBody } from './ingest-body.parser';
import { IngestRateLimiter } from './ingest-rate.limiter';
import { FieldProblem, IngestResponse, IngestResult } from './ingest-response';

interface Candidate {
  index: number;
  ref: string;
  event: NormalizedEvent;
  warnings: FieldProblem[];
}

const DAY_SECONDS = 86_400;

@Injectable()
export class IngestService {
  private readonly rateLimiter: IngestRateLimiter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly dedup: EventDedupStore,
    private readonly clickIds: ClickIdStore,
    private readonly outbox: DeliveryOutbox,
    private readonly recorder: MetricsRecorder,
    private readonly prometheus: PrometheusMetrics,
    @InjectConfig() config: AppConfig,
  ) {
    this.rateLimiter = new IngestRateLimiter(config.ingestRateLimitPerSecond, config.ingestRateLimitBurst);
  }

  // Validation and normalization are pure and per event; everything that touches Postgres is one
  // transaction with a fixed number of statements per request, however many events it carries.
  async ingest(key: ResolvedIngestKey, body: unknown, context: RequestContext): Promise<IngestResponse> {
    const rate = this.rateLimiter.take(key.keyId);
    if (!rate.allowed) {
      throw new DomainError('rate_limited', 'rate_limited', 'Too many requests for this ingest key; slow down', {
        retryAfterSeconds: rate.retryAfterSeconds,
      });
    }
    const parsed = parseIngestBody(body);
    if (!parsed.ok) {
      throw new DomainError('bad_request', 'invalid_body', `${parsed.field} ${parsed.message}`, {
        fields: [{ field: parsed.field, message: parsed.message }],
      });
    }

    const results: IngestResult[] = new Array(parsed.events.length);
    const candidates: Candidate[] = [];
    const settings = {
      defaultCountry: key.settings.defaultCountry ?? undefined,
      maxEventAgeSeconds: key.settings.maxEventAgeDays * DAY_SECONDS,
      captureIpAndUserAgent: key.settings.captureIpAndUserAgent,
    };
    parsed.events.forEach((raw, index) => {
      const valid = validateIngestEvent(raw);
      if (!valid.ok) {
        results[index] = { index, status: 'rejected', reason: valid.reason, errors: valid.errors };
        return;
      }
      const normalized = normalizeEvent(valid.value, context, settings);
      if (!normalized.ok) {
        results[index] = { index, status: 'rejected', reason: normalized.reason, errors: normalized.errors };
        return;
      }
      candidates.push({ index, ref: randomUUID(), event: normalized.event, warnings: normalized.warnings });
    });

    if (candidates.length > 0) {
      const connectorIds = await this.dataSource.transaction((manager) => this.persist(manager, key, candidates, results));
      this.outbox.notify(key.workspaceId, connectorIds);
    } else {
      // Nothing to persist but the rejections themselves: one statement, counted all the same.
      await this.recorder.record(this.dataSource.manager, key.workspaceId, new Date(), ingestIncrements([], 0, rejectionReasons(results)));
    }

    const count = (status: IngestResult['status']) => results.filter((r) => r.status === status).length;
    const response = { accepted: count('accepted'), duplicates: count('duplicate'), rejected: count('rejected'), results };
    this.prometheus.ingestEvents.inc({ outcome: 'accepted' }, response.accepted);
    this.prometheus.ingestEvents.inc({ outcome: 'duplicate' }, response.duplicates);
    this.prometheus.ingestEvents.inc({ outcome: 'rejected' }, response.rejected);
    return response;
  }

  private recordCounts(
    manager: EntityManager,
    workspaceId: string,
    accepted: AcceptedEventFacts[],
    duplicates: number,
    results: IngestResult[],
  ): Promise<void> {
    return this.recorder.record(manager, workspaceId, new Date(), ingestIncrements(accepted, duplicates, rejectionReasons(results)));
  }

  private async persist(
    manager: EntityManager,
    key: ResolvedIngestKey,
    candidates: Candidate[],
    results: IngestResult[],
  ): Promise<string[]> {
    const { workspaceId } = key;
    const verdicts = await this.dedup.claim(
      manager,
      workspaceId,
      candidates.map((c) => ({ eventId: c.event.eventId, ref: c.ref })),
      key.settings.dedupWindowHours,
    );
    const accepted: Candidate[] = [];
    for (const candidate of candidates) {
      const verdict = verdicts.get(candidate.ref);
      if (verdict && !verdict.accepted) {
        results[candidate.index] = {
          index: candidate.index,
          status: 'duplicate',
          eventId: candidate.event.eventId,
          originalId: verdict.originalRef,
        };
      } else accepted.push(candidate);
    }
    if (accepted.length === 0) {
      await this.recordCounts(manager, workspaceId, [], candidates.length, results);
      return [];
    }

    const identities = accepted.flatMap((c) => visitorIdentities(c.event));
    const restorer = new ClickIdRestorer(
      await this.clickIds.load(manager, workspaceId, identities),
      key.settings.attributionWindowDays * DAY_SECONDS,
    );
    const restored = accepted.map((c) => restorer.apply(c.event));

    await manager.query(
      `INSERT INTO events (id, workspace_id, event_id, event_name, event_time, ingest_key_id, payload, ttclid_restored, ttp_restored)
       SELECT e.id, $1, e.event_id, e.event_name, to_timestamp(e.event_time), $2, e.payload, e.ttclid_restored, e.ttp_restored
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::jsonb[], $8::bool[], $9::bool[])
           AS e(id, event_id, event_name, event_time, payload, ttclid_restored, ttp_restored)`,
      [
        workspaceId,
        key.keyId,
        accepted.map((c) => c.ref),
        accepted.map((c) => c.event.eventId),
        accepted.map((c) => c.event.eventName),
        accepted.map((c) => c.event.eventTime),
        accepted.map((c) => JSON.stringify(c.event)),
        restored.map((r) => r.ttclidRestored),
        restored.map((r) => r.ttpRestored),
      ],
    );
    await this.clickIds.remember(
      manager,
      workspaceId,
      new Map([...restorer.changed].map((identity) => [identity, restorer.known.get(identity) ?? {}])),
    );
    const connectorIds = await this.outbox.addForEvents(
      manager,
      workspaceId,
      accepted.map((c) => c.ref),
    );

    await this.recordCounts(
      manager,
      workspaceId,
      accepted.map((c, i) => ({ event: c.event, ...restored[i] })),
      candidates.length - accepted.length,
      results,
    );
    for (const candidate of accepted) {
      results[candidate.index] = {
        index: candidate.index,
        status: 'accepted',
        eventId: candidate.event.eventId,
        id: candidate.ref,
        ...(candidate.warnings.length > 0 ? { warnings: candidate.warnings } : {}),
      };
    }
    return connectorIds;
  }
}

function rejectionReasons(results: IngestResult[]): string[] {
  const reasons: string[] = [];
  for (const result of results) if (result?.status === 'rejected') reasons.push(result.reason);
  return reasons;
}
