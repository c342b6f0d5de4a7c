import type { NormalizedEvent } from '@app/core';
import type { IngestEventInput } from '../validation/ingest-event.input';
import { sha256Hex } from './sha256';

export const DERIVED_EVENT_ID_PREFIX = 'd_';

export interface ResolvedEventId {
  eventId: string;
  source: NormalizedEvent['eventIdSource'];
}

// The client's event_id is the dedup key TikTok shares with the browser pixel, so it is kept
// verbatim (only trimmed). Without one, the id is derived from content so that a retry of the same
// source event gets the same id and is deduplicated: an order id identifies a conversion by itself;
// otherwise the whole event counts except transport details, and a missing event_time is replaced by the
// receipt second so two genuinely separate events without time or order are not merged.
export function resolveEventId(input: IngestEventInput, eventName: string, receivedAt: number): ResolvedEventId {
  const clientId = input.event_id;
  if (typeof clientId === 'number') return { eventId: String(clientId), source: 'client' };
  if (typeof clientId === 'string') {
    const trimmed = clientId.trim();
    if (trimmed !== '') return { eventId: trimmed, source: 'client' };
  }

  const orderId = input.properties?.order_id;
  const orderText = orderId === undefined || orderId === null ? '' : String(orderId).trim();
  if (orderText !== '') return { eventId: derivedId(`${eventName}|${orderText}`), source: 'derived' };

  // Transport details (cookies, IP, user agent) may differ between retries of one source event.
  const { cookies: _cookies, ...identifying } = input;
  const user = input.user ? { ...input.user, ip: undefined, user_agent: undefined } : undefined;
  const content = canonicalJson({ ...identifying, user, event: eventName, event_time: input.event_time ?? receivedAt });
  return { eventId: derivedId(content), source: 'derived' };
}

function derivedId(content: string): string {
  // 128 bits are plenty to keep distinct events apart within one workspace's dedup window.
  return DERIVED_EVENT_ID_PREFIX + sha256Hex(content).slice(0, 32);
}

// JSON with object keys sorted, so the same content always gives the same text whatever order
// the sender's serializer wrote the keys in. Recursive, which is safe only because every event
// has passed validateIngestEvent's depth limit (INGEST_EVENT_LIMITS) before it gets here.
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = object[key];
    // Absent and null are the same to the sender; JSON.stringify drops undefined the same way.
    if (item === undefined || item === null) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
}
