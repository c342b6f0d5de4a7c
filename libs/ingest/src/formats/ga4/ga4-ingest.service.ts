import { Injectable } from '@nestjs/common';
import { IngestService } from '../../intake/ingest.service';
import type { PreparedEvent } from '../../intake/prepared-event';
import { IngestKeysService } from '../../keys/ingest-keys.service';
import { validateIngestEvent } from '../../validation/ingest-event.validator';
import { translateGa4Event } from './ga4-event.translator';
import { type Ga4ValidationMessage, validateGa4Event, validateGa4Request } from './ga4-request.validator';

// GA4's Measurement Protocol with the ingest key as api_secret. Like Google it answers 2xx for
// anything about the body or the key, so a sender never learns from the answer; /debug/mp/collect
// is where problems are reported. Only TrackLayer's own inability to take events (rate limit,
// store outage) answers otherwise, so a sender that retries loses nothing.
@Injectable()
export class Ga4IngestService {
  constructor(
    private readonly ingest: IngestService,
    private readonly keys: IngestKeysService,
  ) {}

  async collect(apiSecret: string | undefined, body: unknown, receivedAtMs: number): Promise<void> {
    // A failing lookup (Postgres away) is answered 503 by the error filter, so the sender retries.
    const key = apiSecret ? await this.keys.resolve(apiSecret) : null;
    if (!key) return;
    this.ingest.checkRate(key);
    const { messages, request, events } = validateGa4Request(body);
    if (!request || events.length === 0) return;
    const requestProblems = messages.map((m) => ({ field: m.fieldPath, message: m.description }));
    const receivedAt = Math.floor(receivedAtMs / 1000);
    const items = events.map((event, index): PreparedEvent => {
      const problems = [...requestProblems, ...validateGa4Event(event, index).map((m) => ({ field: m.fieldPath, message: m.description }))];
      if (problems.length > 0) return { rejected: { reason: 'invalid_field', errors: problems }, raw: event };
      const { input, source } = translateGa4Event(event, request, receivedAtMs);
      return { input, context: { receivedAt }, clickIdOrder: 'declared-first', source, raw: event };
    });
    await this.ingest.ingestPrepared(key, items);
  }

  // Validates without storing, as Google's debug endpoint does, including what TrackLayer's own
  // validation would refuse once the event is translated.
  async debug(apiSecret: string | undefined, body: unknown, receivedAtMs: number): Promise<{ validationMessages: Ga4ValidationMessage[] }> {
    const validationMessages: Ga4ValidationMessage[] = [];
    const key = apiSecret ? await this.keys.resolve(apiSecret) : null;
    if (!key) {
      validationMessages.push({ fieldPath: 'api_secret', description: 'api_secret must be an active TrackLayer ingest key.', validationCode: 'VALUE_INVALID' });
    }
    const { messages, request, events } = validateGa4Request(body);
    validationMessages.push(...messages);
    events.forEach((event, index) => {
      const problems = validateGa4Event(event, index);
      validationMessages.push(...problems);
      if (problems.length > 0 || !request) return;
      const valid = validateIngestEvent(translateGa4Event(event, request, receivedAtMs).input);
      if (valid.ok) return;
      for (const error of valid.errors) {
        validationMessages.push({
          fieldPath: `events[${index}]`,
          description: `Event at index: [${index}]: ${error.field} ${error.message}.`,
          validationCode: 'VALUE_INVALID',
        });
      }
    });
    return { validationMessages };
  }
}
