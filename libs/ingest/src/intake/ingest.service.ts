import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig, DomainError, InjectConfig } from '@app/core';
import { PrometheusMetrics } from '@app/metrics';
import { ResolvedIngestKey } from '../keys/ingest-key.cache';
import { normalizeEvent } from '../normalization/event.normalizer';
import { RequestContext } from '../normalization/request-context';
import { validateIngestEvent } from '../validation/ingest-event.validator';
import type { RejectionReason } from '../validation/rejection-reason';
import { parseIngestBody } from './ingest-body.parser';
import { IngestRateLimiter } from './ingest-rate.limiter';
import { IngestResponse, IngestResult } from './ingest-response';
import { Candidate } from './ingest-submission';
import { IngestCommitter } from './ingest.committer';

const DAY_SECONDS = 86_400;

@Injectable()
export class IngestService {
  private readonly rateLimiter: IngestRateLimiter;

  constructor(
    private readonly committer: IngestCommitter,
    private readonly prometheus: PrometheusMetrics,
    @InjectConfig() config: AppConfig,
  ) {
    this.rateLimiter = new IngestRateLimiter(config.ingestRateLimitPerSecond, config.ingestRateLimitBurst);
  }

  // Validation and normalization are pure and per event; the write is group-committed with the
  // concurrent requests of the same workspace, and this answers once it is in Postgres.
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
    const rejections: RejectionReason[] = [];
    const settings = {
      defaultCountry: key.settings.defaultCountry ?? undefined,
      maxEventAgeSeconds: key.settings.maxEventAgeDays * DAY_SECONDS,
      captureIpAndUserAgent: key.settings.captureIpAndUserAgent,
    };
    parsed.events.forEach((raw, index) => {
      const valid = validateIngestEvent(raw);
      if (!valid.ok) {
        results[index] = { index, status: 'rejected', reason: valid.reason, errors: valid.errors };
        rejections.push(valid.reason);
        return;
      }
      const normalized = normalizeEvent(valid.value, context, settings);
      if (!normalized.ok) {
        results[index] = { index, status: 'rejected', reason: normalized.reason, errors: normalized.errors };
        rejections.push(normalized.reason);
        return;
      }
      candidates.push({ index, ref: randomUUID(), event: normalized.event, warnings: normalized.warnings });
    });

    // Requests with only rejections are written too: their counts go in the same statement.
    const written = await this.committer.commit(key.workspaceId, key.settings, { keyId: key.keyId, candidates, rejections });
    for (const result of written) results[result.index] = result;

    const count = (status: IngestResult['status']) => results.filter((r) => r.status === status).length;
    const response = { accepted: count('accepted'), duplicates: count('duplicate'), rejected: count('rejected'), results };
    this.prometheus.ingestEvents.inc({ outcome: 'accepted' }, response.accepted);
    this.prometheus.ingestEvents.inc({ outcome: 'duplicate' }, response.duplicates);
    this.prometheus.ingestEvents.inc({ outcome: 'rejected' }, response.rejected);
    return response;
  }
}
