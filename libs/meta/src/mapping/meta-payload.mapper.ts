import { Injectable } from '@nestjs/common';
import { isEmptyValue } from '@app/platforms';
import type { NormalizedContent, NormalizedEvent, NormalizedProperties, NormalizedUser } from '@app/core';
import type { MetaUserData } from '../user-data/meta-user-data';
import type { MetaContent, MetaCustomData, MetaEventsRequest, MetaServerEvent } from './meta-request.types';

export const META_MAX_EVENTS_PER_REQUEST = 1000;

export interface MetaMapEventOptions {
  metaEventName: string;
  sendIp: boolean;
  sendUserAgent: boolean;
}

export interface MetaBuildRequestOptions {
  testEventCode?: string;
}

// The custom_data keys this mapper fills; a customer's custom property of the same name would
// replace a checked value by an unchecked one, and Meta refuses the batch for a bad value.
const STANDARD_CUSTOM_KEYS: ReadonlySet<string> = new Set([
  'value',
  'currency',
  'contents',
  'content_ids',
  'content_type',
  'num_items',
  'order_id',
  'search_string',
]);
const HTTP_URL = /^https?:\/\//i;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

// Stored events come back from jsonb, so an id typed as string can still hold a number.
function idText(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : text(value);
}

function finiteNumber(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function httpUrl(value: string | undefined): string | undefined {
  const url = text(value);
  return url !== undefined && HTTP_URL.test(url) ? url : undefined;
}

function withoutUndefined<T extends object>(fields: T): T {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) kept[key] = value;
  }
  return kept as T;
}

// The stored Meta user data first; the normalized event's user fills the raw keys it lacks,
// because click ids restored from the visitor's earlier events land there after normalization.
function mapUserData(userData: MetaUserData, user: NormalizedUser, options: MetaMapEventOptions): MetaUserData {
  const hashedKeys = {
    em: hashList(userData.em),
    ph: hashList(userData.ph),
    external_id: hashList(userData.external_id),
    fn: text(userData.fn),
    ln: text(userData.ln),
    ct: text(userData.ct),
    st: text(userData.st),
    zp: text(userData.zp),
    country: text(userData.country),
  };
  return withoutUndefined<MetaUserData>({
    ...hashedKeys,
    client_ip_address: options.sendIp ? (text(userData.client_ip_address) ?? text(user.ip)) : undefined,
    client_user_agent: options.sendUserAgent ? (text(userData.client_user_agent) ?? text(user.userAgent)) : undefined,
    fbc: text(userData.fbc) ?? text(user.fbc),
    fbp: text(userData.fbp) ?? text(user.fbp),
  });
}

function hashList(values: string[] | undefined): string[] | undefined {
  if (!Array.isArray(values)) return undefined;
  const kept = [...new Set(values.filter((value) => typeof value === 'string' && value !== ''))];
  return kept.length > 0 ? kept : undefined;
}

// Meta reads contents as {id, quantity, item_price}; an item without an id tells it nothing.
function mapContent(content: NormalizedContent): MetaContent | undefined {
  const id = idText(content.contentId);
  if (id === undefined) return undefined;
  const quantity = typeof content.quantity === 'number' && Number.isFinite(content.quantity) ? Math.max(1, Math.round(content.quantity)) : 1;
  return withoutUndefined<MetaContent>({ id, quantity, item_price: finiteNumber(content.price) });
}

function mapCustomData(properties: NormalizedProperties): MetaCustomData | undefined {
  const contents = (properties.contents ?? []).map(mapContent).filter((content): content is MetaContent => content !== undefined);
  const hasContents = contents.length > 0;
  const standard = withoutUndefined<MetaCustomData>({
    value: finiteNumber(properties.value),
    currency: text(properties.currency)?.toUpperCase(),
    contents: hasContents ? contents : undefined,
    content_ids: hasContents ? [...new Set(contents.map((content) => content.id))] : undefined,
    content_type: text(properties.contentType) ?? (hasContents ? 'product' : undefined),
    num_items: hasContents ? contents.reduce((sum, content) => sum + content.quantity, 0) : undefined,
    order_id: idText(properties.orderId),
    search_string: text(properties.query),
  });
  for (const [key, value] of Object.entries(properties.custom ?? {})) {
    if (key === '' || key === '__proto__' || STANDARD_CUSTOM_KEYS.has(key) || isEmptyValue(value)) continue;
    standard[key] = value;
  }
  return Object.keys(standard).length > 0 ? standard : undefined;
}

@Injectable()
export class MetaPayloadMapper {
  // `userData` is what MetaUserDataNormalizer made of the event's plain identifiers at ingest.
  mapEvent(event: NormalizedEvent, userData: MetaUserData, options: MetaMapEventOptions): MetaServerEvent {
    const mapped: MetaServerEvent = {
      event_name: options.metaEventName,
      event_time: Math.floor(event.eventTime),
      action_source: 'website',
      event_id: String(event.eventId),
      user_data: mapUserData(userData, event.user, options),
    };
    const url = httpUrl(event.page?.url);
    if (url !== undefined) mapped.event_source_url = url;
    const referrer = httpUrl(event.page?.referrer);
    if (referrer !== undefined) mapped.referrer_url = referrer;
    const customData = mapCustomData(event.properties);
    if (customData !== undefined) mapped.custom_data = customData;
    // Meta's Limited Data Use with country and state 0: Meta geolocates the visitor itself.
    if (event.limitedDataUse === true) {
      mapped.data_processing_options = ['LDU'];
      mapped.data_processing_options_country = 0;
      mapped.data_processing_options_state = 0;
    } else if (event.limitedDataUse === false) {
      mapped.data_processing_options = [];
    }
    return mapped;
  }

  buildRequest(events: MetaServerEvent[], options: MetaBuildRequestOptions = {}): MetaEventsRequest {
    if (events.length === 0 || events.length > META_MAX_EVENTS_PER_REQUEST) {
      throw new RangeError(`A Meta request holds 1 to ${META_MAX_EVENTS_PER_REQUEST} events, got ${events.length}`);
    }
    const testEventCode = text(options.testEventCode);
    return testEventCode === undefined ? { data: events } : { data: events, test_event_code: testEventCode };
  }
}
