import { Injectable } from '@nestjs/common';
import { isEmptyValue } from '@app/platforms';
import type {
  NormalizedContent,
  NormalizedEvent,
  NormalizedProperties,
  NormalizedUser,
} from '@app/core';
import type {
  TikTokContent,
  TikTokEvent,
  TikTokPage,
  TikTokProperties,
  TikTokTrackRequest,
  TikTokUser,
} from './tiktok-request.types';

export const TIKTOK_MAX_EVENTS_PER_REQUEST = 1000;

export interface MapEventOptions {
  tiktokEventName: string;
  sendIp: boolean;
  sendUserAgent: boolean;
}

export interface BuildRequestOptions {
  pixelCode: string;
  testEventCode?: string;
}

// Standard TikTok property keys. Custom keys never take them: a customer's `value: "12,50"` or
// numeric `content_ids` would turn a good event into a 40002 rejection.
const STANDARD_PROPERTY_KEYS: ReadonlySet<string> = new Set([
  'value',
  'currency',
  'contents',
  'content_type',
  'content_ids',
  'num_items',
  'order_id',
  'query',
  'description',
]);

function text(value: string | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

// Stored events come back from jsonb, so an id typed as string can still hold a number there;
// TikTok rejects numeric ids with 40002 "not a valid string".
function idText(value: string | number | undefined): string | undefined {
  return value === undefined || value === null ? undefined : text(String(value));
}

function finiteNumber(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function hashList(values: string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const kept = [...new Set(values.filter((value) => typeof value === 'string' && value !== ''))];
  return kept.length > 0 ? kept : undefined;
}

// TikTok wants a positive integer; an item without a quantity counts as one.
function integerQuantity(quantity: number | undefined): number {
  if (typeof quantity !== 'number' || !Number.isFinite(quantity)) return 1;
  return Math.max(1, Math.round(quantity));
}

// Drops undefined fields; an object left with nothing is itself dropped.
function compact<T extends object>(fields: T): T | undefined {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) kept[key] = value;
  }
  return Object.keys(kept).length > 0 ? (kept as T) : undefined;
}

function mapUser(user: NormalizedUser, options: MapEventOptions): TikTokUser | undefined {
  return compact<TikTokUser>({
    email: hashList(user.email),
    phone: hashList(user.phone),
    external_id: hashList(user.externalId),
    first_name: text(user.firstName),
    last_name: text(user.lastName),
    zip_code: text(user.zipCode),
    city: text(user.city),
    state: text(user.state),
    country: text(user.country),
    ttclid: text(user.ttclid),
    ttp: text(user.ttp),
    ip: options.sendIp ? text(user.ip) : undefined,
    user_agent: options.sendUserAgent ? text(user.userAgent) : undefined,
    locale: text(user.locale),
  });
}

function mapPage(page: NormalizedEvent['page']): TikTokPage | undefined {
  if (page === undefined) return undefined;
  return compact<TikTokPage>({ url: text(page.url), referrer: text(page.referrer) });
}

// A product with nothing but a quantity tells TikTok nothing, so it is left out.
function mapContent(content: NormalizedContent): TikTokContent | undefined {
  const described = compact<TikTokContent>({
    content_id: idText(content.contentId),
    content_name: text(content.contentName),
    content_category: text(content.contentCategory),
    price: finiteNumber(content.price),
    brand: text(content.brand),
  });
  const contentType = text(content.contentType);
  if (described !== undefined && contentType !== undefined) described.content_type = contentType;
  return described === undefined ? undefined : { ...described, quantity: integerQuantity(content.quantity) };
}

function mapContents(contents: NormalizedContent[] | undefined): TikTokContent[] | undefined {
  if (contents === undefined) return undefined;
  const mapped = contents.map(mapContent).filter((content): content is TikTokContent => content !== undefined);
  return mapped.length > 0 ? mapped : undefined;
}

function mapProperties(properties: NormalizedProperties): TikTokProperties | undefined {
  const contents = mapContents(properties.contents);
  const currency = text(properties.currency);
  const standard = compact<TikTokProperties>({
    value: finiteNumber(properties.value),
    currency: currency?.trim().toUpperCase(),
    contents,
    content_type: text(properties.contentType) ?? (contents === undefined ? undefined : 'product'),
    num_items: contents?.reduce((sum, content) => sum + (content.quantity ?? 0), 0),
    order_id: idText(properties.orderId),
    query: text(properties.query),
    description: text(properties.description),
  });

  const custom: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties.custom ?? {})) {
    if (key === '' || STANDARD_PROPERTY_KEYS.has(key) || isEmptyValue(value)) continue;
    custom[key] = value;
  }
  return compact<TikTokProperties>({ ...standard, ...custom });
}

@Injectable()
export class TikTokPayloadMapper {
  mapEvent(event: NormalizedEvent, options: MapEventOptions): TikTokEvent {
    const mapped: TikTokEvent = {
      event: options.tiktokEventName,
      event_time: Math.floor(event.eventTime),
      event_id: String(event.eventId),
    };
    const user = mapUser(event.user, options);
    if (user !== undefined) mapped.user = user;
    const page = mapPage(event.page);
    if (page !== undefined) mapped.page = page;
    const properties = mapProperties(event.properties);
    if (properties !== undefined) mapped.properties = properties;
    if (typeof event.limitedDataUse === 'boolean') mapped.limited_data_use = event.limitedDataUse;
    return mapped;
  }

  // Never sets partner_name: an unregistered value is rejected with 40063.
  buildRequest(events: TikTokEvent[], options: BuildRequestOptions): TikTokTrackRequest {
    if (events.length === 0 || events.length > TIKTOK_MAX_EVENTS_PER_REQUEST) {
      throw new RangeError(`A TikTok request holds 1 to ${TIKTOK_MAX_EVENTS_PER_REQUEST} events, got ${events.length}`);
    }
    const testEventCode = text(options.testEventCode);
    // Events carrying a test_event_code are sent one per request, never batched.
    if (testEventCode !== undefined && events.length > 1) {
      throw new RangeError(`A request with a test_event_code holds exactly 1 event, got ${events.length}`);
    }
    return {
      event_source: 'web',
      event_source_id: options.pixelCode,
      ...(testEventCode === undefined ? {} : { test_event_code: testEventCode }),
      data: events,
    };
  }
}
