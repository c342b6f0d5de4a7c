import { Injectable } from '@nestjs/common';
import { DomainError, findJsonBoundsViolation } from '@app/core';
import { IngestService } from '../../intake/ingest.service';
import type { PreparedEvent } from '../../intake/prepared-event';
import type { ResolvedIngestKey } from '../../keys/ingest-key.cache';
import type { RequestContext } from '../../normalization/request-context';
import type { RejectionReason } from '../../validation/rejection-reason';
import { INGEST_EVENT_LIMITS } from '../../validation/ingest-event.validator';
import { DROP_IN_EVENT_LIMIT_BYTES } from '../drop-in-body.decoder';
import { jsonSizeVerdict } from '../json-size.estimator';
import { parseSegmentBody } from './segment-body.parser';
import { type SegmentCallType, translateSegmentMessage } from './segment-message.translator';

export interface DropInRequest {
  ip?: string;
  userAgent?: string;
  // Origin or Sec-Fetch headers: a browser made the request.
  fromBrowser: boolean;
  // Decompressed body size, when known.
  bodyBytes?: number;
  receivedAtMs: number;
}

// Segment's and RudderStack's HTTP API: each message translated on its own (a bad one is counted
// as rejected, never sinks the batch), then the native pipeline.
@Injectable()
export class SegmentIngestService {
  constructor(private readonly ingest: IngestService) {}

  async receive(key: ResolvedIngestKey, body: unknown, call: SegmentCallType | 'batch', request: DropInRequest): Promise<void> {
    this.ingest.checkRate(key);
    const parsed = parseSegmentBody(body, call === 'batch');
    if (!parsed.ok) {
      throw new DomainError('bad_request', 'invalid_body', `${parsed.field} ${parsed.message}`, {
        fields: [{ field: parsed.field, message: parsed.message }],
      });
    }
    // What the batch shares with every message must be storable, or none of them is.
    for (const [field, value] of [
      ['context', parsed.envelope.context],
      ['integrations', parsed.envelope.integrations],
    ] as const) {
      const violation = value === undefined ? undefined : findJsonBoundsViolation(value, INGEST_EVENT_LIMITS, field);
      if (violation) {
        throw new DomainError('bad_request', violation.reason, `${violation.field} ${violation.message}`, {
          fields: [{ field: violation.field, message: violation.message }],
        });
      }
    }
    const receivedAt = Math.floor(request.receivedAtMs / 1000);
    const browserContext: RequestContext = { ip: request.ip, userAgent: request.userAgent, receivedAt };
    const serverContext: RequestContext = { receivedAt };
    // Only a body over 32 KB can hold a message over 32 KB.
    const measure = (request.bodyBytes ?? Infinity) > DROP_IN_EVENT_LIMIT_BYTES;
    const pathType = call === 'batch' ? undefined : call;

    const items = parsed.messages.map((message): PreparedEvent => {
      if (measure) {
        const size = jsonSizeVerdict(message, DROP_IN_EVENT_LIMIT_BYTES, INGEST_EVENT_LIMITS.maxDepth);
        if (size === 'too_large') return rejected('event_too_large', '$', `is larger than ${DROP_IN_EVENT_LIMIT_BYTES / 1024} KB`);
        if (size === 'too_deep') return rejected('too_deep', '$', `must not nest objects and arrays deeper than ${INGEST_EVENT_LIMITS.maxDepth} levels`);
      }
      const translated = translateSegmentMessage(message, parsed.envelope, {
        pathType,
        receivedAtMs: request.receivedAtMs,
        requestFromBrowser: request.fromBrowser,
      });
      if (!translated.ok) return { rejected: { reason: translated.reason, errors: translated.errors }, raw: message };
      // What is translated goes through the native validation and its bounds; what is kept unread
      // is stored as it came, so it gets the same bounds here (NUL, lone surrogates, depth, sizes).
      const unread = translated.source.unread;
      const violation = unread === undefined ? undefined : findJsonBoundsViolation(unread, INGEST_EVENT_LIMITS);
      if (violation) return { ...rejected(violation.reason, violation.field, violation.message), raw: message };
      return {
        input: translated.input,
        context: translated.sender === 'browser' ? browserContext : serverContext,
        clickIdOrder: 'declared-first',
        identityOnly: translated.identityOnly,
        source: translated.source,
        raw: message,
      };
    });
    await this.ingest.ingestPrepared(key, items);
  }
}

function rejected(reason: RejectionReason, field: string, message: string): PreparedEvent {
  return { rejected: { reason, errors: [{ field, message }] } };
}
