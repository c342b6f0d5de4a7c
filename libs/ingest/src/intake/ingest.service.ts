import { Injectable } from '@nestjs/common';
import { AppConfig, DomainError, findJsonBoundsViolation, InjectConfig, NormalizedEvent, setClickId, timeOrderedUuid } from '@app/core';
import { NewRawEvent, redactRawEvent } from '@app/events';
import { PrometheusMetrics } from '@app/metrics';
import { PlatformRegistry, WorkspacePlatforms } from '@app/platforms';
import { ResolvedIngestKey } from '../keys/ingest-key.cache';
import { extractDeclaredClickIds } from '../normalization/click-id.extractor';
import { normalizeEvent } from '../normalization/event.normalizer';
import { RequestContext } from '../normalization/request-context';
import type { IngestEventInput } from '../validation/ingest-event.input';
import { INGEST_EVENT_LIMITS, validateIngestEvent } from '../validation/ingest-event.validator';
import type { RejectionReason } from '../validation/rejection-reason';
import { parseIngestBody } from './ingest-body.parser';
import { IngestRateLimiter } from './ingest-rate.limiter';
import { FieldProblem, IngestResponse, IngestResult } from './ingest-response';
import { Candidate } from './ingest-submission';
import { IngestCommitter } from './ingest.committer';
import { PreparedEvent } from './prepared-event';

const DAY_SECONDS = 86_400;
// Events refused for their size or shape are kept without their body: it is what broke the limits.
const UNKEPT_REASONS: ReadonlySet<string> = new Set(['too_deep', 'too_large', 'event_too_large', 'invalid_text', 'unstorable']);

@Injectable()
export class IngestService {
  private readonly rateLimiter: IngestRateLimiter;

  constructor(
    private readonly committer: IngestCommitter,
    private readonly prometheus: PrometheusMetrics,
    private readonly platforms: PlatformRegistry,
    private readonly workspacePlatforms: WorkspacePlatforms,
    @InjectConfig() config: AppConfig,
  ) {
    this.rateLimiter = new IngestRateLimiter(config.ingestRateLimitPerSecond, config.ingestRateLimitBurst);
  }

  // Validation and normalization are pure and per event; the write is group-committed with the
  // concurrent requests of the same workspace, and this answers once it is in Postgres.
  async ingest(key: ResolvedIngestKey, body: unknown, context: RequestContext): Promise<IngestResponse> {
    this.checkRate(key);
    const parsed = parseIngestBody(body);
    if (!parsed.ok) {
      throw new DomainError('bad_request', 'invalid_body', `${parsed.field} ${parsed.message}`, {
        fields: [{ field: parsed.field, message: parsed.message }],
      });
    }
    return this.ingestPrepared(
      key,
      parsed.events.map((input) => ({ input, context })),
    );
  }

  // The hashes each platform with rules of its own (Meta) makes of the event's plain identifiers,
  // which never leave this call; only for the platforms the workspace has connectors for (an event
  // accepted before its workspace had one lacks them; docs/platforms.md). A warning about a field
  // already warned about is not repeated.
  private addPlatformUser(
    user: IngestEventInput['user'],
    event: NormalizedEvent,
    warnings: FieldProblem[],
    defaultCountry: string | undefined,
    connected: ReadonlySet<string>,
  ): void {
    if (!user) return;
    for (const platform of this.platforms.list()) {
      if (!platform.normalizeUser || !connected.has(platform.id)) continue;
      const normalized = platform.normalizeUser(user, { defaultCountry });
      if (Object.keys(normalized.userData).length > 0) event.platformUser = { ...event.platformUser, [platform.id]: normalized.userData };
      for (const warning of normalized.warnings) {
        if (!warnings.some(({ field }) => field === warning.field)) warnings.push(warning);
      }
    }
  }

  // Throws the 429 for a key over its rate; drop-in formats call it before translating a body.
  checkRate(key: ResolvedIngestKey): void {
    const rate = this.rateLimiter.take(key.keyId);
    if (!rate.allowed) {
      throw new DomainError('rate_limited', 'rate_limited', 'Too many requests for this ingest key; slow down', {
        retryAfterSeconds: rate.retryAfterSeconds,
      });
    }
  }

  // The one pipeline every format ends in: native validation and normalization per item, then
  // the group-committed write (dedup, click-id restoration, events, deliveries, counters).
  async ingestPrepared(key: ResolvedIngestKey, items: PreparedEvent[]): Promise<IngestResponse> {
    const results: IngestResult[] = new Array(items.length);
    const candidates: Candidate[] = [];
    const rejections: RejectionReason[] = [];
    const refused: NewRawEvent[] = [];
    const refuse = (raw: unknown, reason: RejectionReason, errors: FieldProblem[]) => {
      rejections.push(reason);
      refused.push({ id: timeOrderedUuid(), status: 'rejected', eventName: eventNameOf(raw), reason, errors, raw: keptRaw(raw, reason) });
    };
    const settings = {
      defaultCountry: key.settings.defaultCountry ?? undefined,
      maxEventAgeSeconds: key.settings.maxEventAgeDays * DAY_SECONDS,
      captureIpAndUserAgent: key.settings.captureIpAndUserAgent,
    };
    const connected = await this.workspacePlatforms.of(key.workspaceId);
    items.forEach((item, index) => {
      if ('rejected' in item) {
        results[index] = { index, status: 'rejected', ...item.rejected };
        refuse(item.raw, item.rejected.reason, item.rejected.errors);
        return;
      }
      const valid = validateIngestEvent(item.input);
      if (!valid.ok) {
        results[index] = { index, status: 'rejected', reason: valid.reason, errors: valid.errors };
        refuse(item.raw ?? item.input, valid.reason, valid.errors);
        return;
      }
      const normalized = normalizeEvent(valid.value, item.context, settings, item.clickIdOrder);
      if (!normalized.ok) {
        results[index] = { index, status: 'rejected', reason: normalized.reason, errors: normalized.errors };
        refuse(item.raw ?? item.input, normalized.reason, normalized.errors);
        return;
      }
      if (item.source !== undefined) normalized.event.source = item.source;
      for (const { kind, value, source } of extractDeclaredClickIds(valid.value, this.platforms.clickIdKinds())) setClickId(normalized.event, kind, value, source);
      this.addPlatformUser(valid.value.user, normalized.event, normalized.warnings, settings.defaultCountry, connected);
      candidates.push({
        index,
        ref: timeOrderedUuid(),
        event: normalized.event,
        warnings: normalized.warnings,
        identityOnly: item.identityOnly,
        raw: redactRawEvent(item.raw ?? item.input),
      });
    });

    // Requests with only rejections are written too: their counts go in the same statement.
    const written = await this.committer.commit(key.workspaceId, key.settings, { keyId: key.keyId, candidates, rejections, refused });
    for (const result of written) results[result.index] = result;

    const count = (status: IngestResult['status']) => results.filter((r) => r.status === status).length;
    const response = { accepted: count('accepted'), duplicates: count('duplicate'), rejected: count('rejected'), results };
    this.prometheus.ingestEvents.inc({ outcome: 'accepted' }, response.accepted);
    this.prometheus.ingestEvents.inc({ outcome: 'duplicate' }, response.duplicates);
    this.prometheus.ingestEvents.inc({ outcome: 'rejected' }, response.rejected);
    return response;
  }
}

// What the debugger keeps of a refused event. Some are refused before their bounds were read (an
// event that is no object, a drop-in event its format refused), so the bounds are checked here
// before redactRawEvent walks it: a 10,000-deep array must not overflow the stack.
function keptRaw(raw: unknown, reason: RejectionReason): unknown {
  if (raw === undefined || UNKEPT_REASONS.has(reason)) return null;
  return findJsonBoundsViolation(raw, INGEST_EVENT_LIMITS) ? null : redactRawEvent(raw);
}

// The name a refused event gave itself, when it has one (native `event`, Segment's `event`, GA4's `name`).
function eventNameOf(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const { event, name } = raw as { event?: unknown; name?: unknown };
  const value = typeof event === 'string' ? event : typeof name === 'string' ? name : undefined;
  // Text Postgres cannot store (the reason it may have been refused) names nothing.
  if (value === undefined || !value.isWellFormed() || value.includes('\u0000')) return undefined;
  return value.slice(0, 256);
}
