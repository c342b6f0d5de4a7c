import type { EventSource } from '@app/core';
import type { IngestEventInput, IngestPropertiesInput, IngestUserInput } from '../../validation/ingest-event.input';
import { asIdText, asObject, asText, asTextOrNumber, type JsonObject, unreadFields } from '../message-field.reader';

// Params read into the event; the rest stay custom properties. Google's session bookkeeping is
// dropped: it means nothing to TikTok.
const READ_PARAMS: ReadonlySet<string> = new Set([
  'items',
  'value',
  'currency',
  'transaction_id',
  'search_term',
  'page_location',
  'page_referrer',
  'event_id',
  'ttclid',
  'ttp',
  '_ttp',
  'session_id',
  'engagement_time_msec',
  'debug_mode',
]);
const READ_REQUEST_KEYS: ReadonlySet<string> = new Set(['client_id', 'app_instance_id', 'user_id', 'timestamp_micros', 'user_data', 'ip_override', 'events']);

export interface Ga4Translation {
  input: IngestEventInput;
  source: EventSource;
}

// One GA4 Measurement Protocol event (already validated) into the native ingest event. GA4
// requests come from servers, so the request's IP never stands in for the visitor's; the sender
// may name it with ip_override.
export function translateGa4Event(rawEvent: unknown, request: JsonObject, receivedAtMs: number): Ga4Translation {
  const event = asObject(rawEvent) ?? {};
  const params = asObject(event.params) ?? {};
  const userData = asObject(request.user_data) ?? {};
  const address = asObject(Array.isArray(userData.address) ? userData.address[0] : userData.address) ?? {};

  const user: IngestUserInput = {
    external_id: asIdText(request.user_id),
    email: hashes(userData.sha256_email_address),
    phone: hashes(userData.sha256_phone_number),
    first_name: asText(address.sha256_first_name),
    last_name: asText(address.sha256_last_name),
    city: asText(address.city),
    state: asText(address.region),
    country: asText(address.country),
    zip_code: asTextOrNumber(address.postal_code),
    ip: asText(request.ip_override),
    ttclid: asText(params.ttclid),
    ttp: asText(params.ttp ?? params._ttp),
  };

  const properties: IngestPropertiesInput = {};
  for (const key of Object.keys(params)) {
    if (READ_PARAMS.has(key) || key === '__proto__') continue;
    properties[key] = params[key];
  }
  if (params.value !== undefined) properties.value = params.value as IngestPropertiesInput['value'];
  if (params.currency !== undefined) properties.currency = params.currency as IngestPropertiesInput['currency'];
  if (params.transaction_id !== undefined) properties.order_id = params.transaction_id as IngestPropertiesInput['order_id'];
  if (params.search_term !== undefined) properties.query = params.search_term as IngestPropertiesInput['query'];
  if (params.items !== undefined) properties.items = params.items as IngestPropertiesInput['items'];

  const url = asText(params.page_location);
  const referrer = asText(params.page_referrer);
  const unread = unreadFields(request, READ_REQUEST_KEYS);
  return {
    input: {
      event: String(event.name),
      event_id: asIdText(params.event_id),
      event_time: eventTime(event.timestamp_micros ?? request.timestamp_micros, receivedAtMs),
      anonymous_id: asIdText(request.client_id ?? request.app_instance_id),
      user,
      page: url === undefined && referrer === undefined ? undefined : { url, referrer },
      properties: Object.keys(properties).length > 0 ? properties : undefined,
    },
    source: { format: 'ga4', type: 'event', unread },
  };
}

// Google takes sha256_* values as one string or a list of them.
function hashes(value: unknown): string | string[] | undefined {
  if (Array.isArray(value)) {
    const kept = value.map(asText).filter((hash): hash is string => hash !== undefined);
    return kept.length > 0 ? kept : undefined;
  }
  return asText(value);
}

// timestamp_micros of the event, else of the request; Unix milliseconds for the native pipeline,
// never ahead of receipt.
function eventTime(micros: unknown, receivedAtMs: number): number {
  const value = typeof micros === 'string' && /^\d+$/.test(micros) ? Number(micros) : micros;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return receivedAtMs;
  return Math.min(Math.floor(value / 1000), receivedAtMs);
}
