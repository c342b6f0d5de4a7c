import { setClickId, toDefaultCountry, type NormalizedContent, type NormalizedEvent, type NormalizedProperties, type NormalizedUser } from '@app/core';
import type { FieldProblem } from '../intake/ingest-response';
import type {
  IngestContentInput,
  IngestEventInput,
  IngestPropertiesInput,
  IngestUserInput,
} from '../validation/ingest-event.input';
import { contentsKeyOf } from '../validation/ingest-event.validator';
import { readCount, readNumber } from '../validation/numeric-input';
import type { RejectionReason } from '../validation/rejection-reason';
import { type ClickIdOrder, extractFbc, extractFbp, extractTtclid, extractTtp } from './click-id.extractor';
import { normalizeEmail } from './email.normalizer';
import { resolveEventId } from './event-id.deriver';
import { normalizeEventTime } from './event-time.normalizer';
import { normalizeExternalId } from './external-id.normalizer';
import type { FieldOutcome } from './field-outcome';
import { normalizePhone } from './phone.normalizer';
import { cleanIp, type RequestContext } from './request-context';
import { normalizeHashedUserField, normalizePlainUserField } from './user-field.normalizer';

export interface NormalizationSettings {
  // ISO 3166 alpha-2; lets national phone numbers ("(213) 373-4253") be read.
  defaultCountry?: string;
  maxEventAgeSeconds: number;
  // Whether the ingest request's own IP and User-Agent may stand in for the visitor's.
  captureIpAndUserAgent: boolean;
}

export type EventNormalization =
  | { ok: true; event: NormalizedEvent; warnings: FieldProblem[] }
  | { ok: false; reason: RejectionReason; errors: FieldProblem[] };

const UNDERSCORES = /_/g;

// Keys of properties that are read into NormalizedProperties; every other key is custom.
const STANDARD_PROPERTY_KEYS: ReadonlySet<string> = new Set([
  'value',
  'currency',
  'order_id',
  'content_type',
  'contents',
  'items',
  'products',
  'content_ids',
  'query',
  'description',
]);

// Turns an event that passed validateIngestEvent into the one internal shape. Only event_time can
// still reject it; identifiers that cannot be used are dropped with a warning, because the rest of
// the event is still worth delivering.
export function normalizeEvent(
  raw: IngestEventInput,
  ctx: RequestContext,
  settings: NormalizationSettings,
  clickIdOrder: ClickIdOrder = 'captured-first',
): EventNormalization {
  const time = normalizeEventTime(raw.event_time, ctx.receivedAt, settings.maxEventAgeSeconds);
  if (!time.ok) return { ok: false, reason: time.reason, errors: [{ field: 'event_time', message: time.message }] };

  const warnings: FieldProblem[] = [];
  const eventName = raw.event.trim();
  const { eventId, source } = resolveEventId(raw, eventName, ctx.receivedAt);
  const user = normalizeUser(raw.user, ctx, settings, warnings);

  const ttclid = extractTtclid(raw, clickIdOrder);
  const ttp = extractTtp(raw);
  const fbc = extractFbc(raw, time.seconds);
  const fbp = extractFbp(raw);
  const event: NormalizedEvent = {
    eventName,
    eventId,
    eventIdSource: source,
    eventTime: time.seconds,
    user,
    properties: normalizeProperties(raw.properties),
    clickIds: {},
  };
  if (ttclid !== undefined) setClickId(event, 'ttclid', ttclid.ttclid, ttclid.source);
  if (ttp !== undefined) setClickId(event, 'ttp', ttp.ttp, ttp.source);
  if (fbc !== undefined) setClickId(event, 'fbc', fbc.fbc, fbc.source);
  if (fbp !== undefined) setClickId(event, 'fbp', fbp.fbp, fbp.source);
  const anonymousId = trimmed(raw.anonymous_id);
  if (anonymousId !== undefined) event.anonymousId = anonymousId;
  const url = trimmed(raw.page?.url);
  const referrer = trimmed(raw.page?.referrer);
  if (url !== undefined || referrer !== undefined) {
    event.page = {};
    if (url !== undefined) event.page.url = url;
    if (referrer !== undefined) event.page.referrer = referrer;
  }
  if (typeof raw.limited_data_use === 'boolean') event.limitedDataUse = raw.limited_data_use;

  return { ok: true, event, warnings };
}

function normalizeUser(
  input: IngestUserInput | null | undefined,
  ctx: RequestContext,
  settings: NormalizationSettings,
  warnings: FieldProblem[],
): NormalizedUser {
  const user: NormalizedUser = {};
  if (input) {
    const country = toDefaultCountry(settings.defaultCountry);
    const readPhone = (value: string | number, field: string) => normalizePhone(value, country, field);
    put(user, 'email', hashAll(input.email, 'user.email', normalizeEmail, warnings));
    put(user, 'phone', hashAll(input.phone, 'user.phone', readPhone, warnings));
    put(user, 'externalId', hashAll(input.external_id, 'user.external_id', normalizeExternalId, warnings));
    put(user, 'firstName', hashedField(input.first_name));
    put(user, 'lastName', hashedField(input.last_name));
    put(user, 'zipCode', hashedField(input.zip_code));
    put(user, 'city', plainField(input.city));
    put(user, 'state', plainField(input.state));
    put(user, 'country', plainField(input.country));

    const locale = trimmed(input.locale);
    // BCP 47 uses "-"; browsers and backends often hand over POSIX-style "en_US".
    if (locale !== undefined) user.locale = locale.replace(UNDERSCORES, '-');
  }

  // An event that names its visitor's IP or user agent was most likely sent from a server, where
  // the request's own would be that server's: a bad value is dropped, never replaced by ours.
  const ip = trimmed(input?.ip);
  if (ip !== undefined) {
    const clean = cleanIp(ip);
    if (clean !== undefined) user.ip = clean;
    else warnings.push({ field: 'user.ip', message: 'is not an IPv4 or IPv6 address; dropped' });
  } else if (settings.captureIpAndUserAgent && ctx.ip !== undefined) {
    user.ip = ctx.ip;
  }
  const userAgent = trimmed(input?.user_agent);
  if (userAgent !== undefined) user.userAgent = userAgent;
  else if (settings.captureIpAndUserAgent && ctx.userAgent) user.userAgent = ctx.userAgent;

  return user;
}

// One value or a list of them (TikTok accepts both); duplicates collapse after hashing.
function hashAll<T extends string | number>(
  value: T | T[] | null | undefined,
  path: string,
  normalize: (value: T, field: string) => FieldOutcome,
  warnings: FieldProblem[],
): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    const outcome = normalize(value, path);
    if (typeof outcome === 'string') return [outcome];
    if (outcome !== undefined) warnings.push(outcome);
    return undefined;
  }
  let hashes: string[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const outcome = normalize(value[i], `${path}[${i}]`);
    if (typeof outcome === 'string') {
      if (hashes === undefined) hashes = [outcome];
      else if (!hashes.includes(outcome)) hashes.push(outcome);
    } else if (outcome !== undefined) {
      warnings.push(outcome);
    }
  }
  return hashes;
}

function normalizeProperties(input: IngestPropertiesInput | null | undefined): NormalizedProperties {
  const properties: NormalizedProperties = {};
  if (!input) return properties;

  const value = readNumber(input.value);
  if (value !== undefined) properties.value = value;
  const currency = trimmed(input.currency);
  if (currency !== undefined) properties.currency = currency.toUpperCase();
  const orderId = idText(input.order_id);
  if (orderId !== undefined) properties.orderId = orderId;
  const contentType = trimmed(input.content_type);
  if (contentType !== undefined) properties.contentType = contentType;
  const query = trimmed(input.query);
  if (query !== undefined) properties.query = query;
  const description = trimmed(input.description);
  if (description !== undefined) properties.description = description;

  const contents = normalizeContents(input);
  if (contents !== undefined) properties.contents = contents;

  let custom: Record<string, unknown> | undefined;
  for (const key of Object.keys(input)) {
    // "__proto__" arrives as an own key from JSON.parse; copying it would replace custom's prototype.
    if (STANDARD_PROPERTY_KEYS.has(key) || key === '__proto__') continue;
    const item = input[key];
    if (item === undefined || item === null) continue;
    (custom ??= {})[key] = item;
  }
  if (custom !== undefined) properties.custom = custom;
  return properties;
}

function normalizeContents(input: IngestPropertiesInput): NormalizedContent[] | undefined {
  let contents: NormalizedContent[] | undefined;
  const key = contentsKeyOf(input);
  if (key !== undefined) {
    for (const item of input[key] as IngestContentInput[]) {
      const content = normalizeContent(item);
      if (content !== undefined) (contents ??= []).push(content);
    }
    return contents;
  }
  // TikTok: content_ids only stand alone when there is no product list.
  if (Array.isArray(input.content_ids)) {
    for (const id of input.content_ids) {
      const contentId = idText(id);
      if (contentId !== undefined) (contents ??= []).push({ contentId });
    }
  }
  return contents;
}

// TikTok's keys first, then GA4's (item_*), then Segment's (product_id, sku, name, category).
function normalizeContent(item: IngestContentInput): NormalizedContent | undefined {
  const contentId = idText(item.content_id) ?? idText(item.item_id) ?? idText(item.product_id) ?? idText(item.sku);
  const contentName = trimmed(item.content_name) ?? trimmed(item.item_name) ?? trimmed(item.name);
  const contentCategory = trimmed(item.content_category) ?? trimmed(item.item_category) ?? trimmed(item.category);
  const price = readNumber(item.price);
  const quantity = readCount(item.quantity);
  const brand = trimmed(item.brand) ?? trimmed(item.item_brand);
  const contentType = trimmed(item.content_type);

  // An item with nothing usable in it tells TikTok nothing.
  if (
    contentId === undefined &&
    contentName === undefined &&
    contentCategory === undefined &&
    price === undefined &&
    quantity === undefined &&
    brand === undefined
  ) {
    return undefined;
  }
  const content: NormalizedContent = {};
  if (contentId !== undefined) content.contentId = contentId;
  if (contentName !== undefined) content.contentName = contentName;
  if (contentCategory !== undefined) content.contentCategory = contentCategory;
  if (price !== undefined) content.price = price;
  if (quantity !== undefined) content.quantity = quantity;
  if (brand !== undefined) content.brand = brand;
  if (contentType !== undefined) content.contentType = contentType;
  return content;
}

function trimmed(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? undefined : text;
}

// TikTok rejects numeric ids (40002), so every id leaves here as text.
function idText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  return trimmed(value);
}

function hashedField(value: string | number | null | undefined): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? normalizeHashedUserField(value) : undefined;
}

function plainField(value: string | null | undefined): string | undefined {
  return typeof value === 'string' ? normalizePlainUserField(value) : undefined;
}

// Empty values are omitted, never sent as blanks (a hash of the empty string would match nobody).
function put<K extends keyof NormalizedUser>(user: NormalizedUser, key: K, value: NormalizedUser[K] | undefined): void {
  if (value !== undefined) user[key] = value;
}
