import type { EventSource } from '@app/core';
import type { FieldProblem } from '../../intake/ingest-response';
import { readTtclidParam } from '../../normalization/click-id.extractor';
import { toUnixSeconds } from '../../normalization/event-time.normalizer';
import { classifySender, type SenderKind } from '../../normalization/sender.classifier';
import type { IngestContentInput, IngestEventInput, IngestPropertiesInput, IngestUserInput } from '../../validation/ingest-event.input';
import type { RejectionReason } from '../../validation/rejection-reason';
import {
  asIdText,
  asObject,
  asText,
  asTextOrNumber,
  type JsonObject,
  unreadFields,
} from '../message-field.reader';

export const SEGMENT_CALL_TYPES = ['track', 'page', 'screen', 'identify', 'group', 'alias'] as const;
export type SegmentCallType = (typeof SEGMENT_CALL_TYPES)[number];

// Segment's HTTP API: a messageId is at most 100 characters.
export const MAX_MESSAGE_ID_LENGTH = 100;

// What a batch carries for all its messages; a message's own fields win.
export interface SegmentEnvelope {
  context?: JsonObject;
  integrations?: JsonObject;
  sentAt?: unknown;
}

export interface SegmentTranslationOptions {
  // The call the path names (/v1/track, /v1/t); batches name it in each message's `type`.
  pathType?: SegmentCallType;
  // Unix milliseconds when TrackLayer received the request.
  receivedAtMs: number;
  requestFromBrowser: boolean;
}

export type SegmentTranslation =
  | {
      ok: true;
      input: IngestEventInput;
      // identify, group and alias link a visitor's identities; they are never delivered.
      identityOnly: boolean;
      sender: SenderKind;
      source: EventSource;
    }
  | { ok: false; reason: RejectionReason; errors: FieldProblem[] };

// Page and screen calls have no event name of their own; these are the names the default event
// table maps (Page Viewed -> Pageview).
const PAGE_EVENT = 'Page Viewed';
const SCREEN_EVENT = 'Screen Viewed';

const READ_MESSAGE_KEYS: ReadonlySet<string> = new Set([
  'type',
  'event',
  'userId',
  'anonymousId',
  'previousId',
  'messageId',
  'timestamp',
  'originalTimestamp',
  'sentAt',
  'receivedAt',
  'context',
  'properties',
  'traits',
  'integrations',
  'writeKey',
  // The clients' own bookkeeping (runtime version, bundled destinations, retry counts).
  '_metadata',
]);
// Read from integrations (click ids the sender set); other destinations' options are kept.
const READ_INTEGRATIONS: ReadonlySet<string> = new Set(['TikTok Conversions', 'TikTok']);
const READ_CONTEXT_KEYS: ReadonlySet<string> = new Set(['page', 'traits', 'ip', 'userAgent', 'locale', 'library', 'direct']);
// Traits read into the user, and the plain personal data that is never stored unhashed.
const READ_OR_PERSONAL_TRAITS: ReadonlySet<string> = new Set([
  'email',
  'phone',
  'firstName',
  'first_name',
  'lastName',
  'last_name',
  'name',
  'address',
  'birthday',
]);
// Properties read into the user or the event; the rest stay custom properties.
const READ_PROPERTY_KEYS: ReadonlySet<string> = new Set([
  'email',
  'phone',
  'first_name',
  'last_name',
  'firstName',
  'lastName',
  'ttclid',
  'ttp',
  '_ttp',
  'event_id',
  'eventId',
  'revenue',
  'total',
  'orderId',
  'contentType',
  'shopId',
  'products',
  'contents',
  'limited_data_use',
]);
// Segment's single-product events (Product Added, Product Viewed) carry the product at the top.
const SINGLE_PRODUCT_KEYS = ['product_id', 'sku', 'name', 'price', 'quantity', 'category', 'brand', 'content_type'] as const;
const PAGE_PROPERTY_KEYS: ReadonlySet<string> = new Set(['url', 'referrer']);

// One Segment (or RudderStack) message into the native ingest event, so that the native
// validation, normalization, dedup and click-id restoration apply to it unchanged.
export function translateSegmentMessage(raw: unknown, envelope: SegmentEnvelope, options: SegmentTranslationOptions): SegmentTranslation {
  const message = asObject(raw);
  if (!message) return reject('not_an_object', '$', 'must be a message object');

  const type = options.pathType ?? readType(message.type);
  if (type === undefined) return reject('invalid_type', 'type', `must be one of ${SEGMENT_CALL_TYPES.join(', ')}`);

  const userId = asIdText(message.userId);
  const anonymousId = asIdText(message.anonymousId);
  if (userId === undefined && anonymousId === undefined) return reject('missing_identity', 'userId', 'userId or anonymousId is required');
  const previousId = asIdText(message.previousId);
  if (type === 'alias' && (userId === undefined || previousId === undefined)) {
    return reject('missing_identity', userId === undefined ? 'userId' : 'previousId', 'is required for alias');
  }

  const messageId = message.messageId;
  if (messageId !== undefined && messageId !== null) {
    if (typeof messageId !== 'string' || messageId.trim() === '') return reject('invalid_field', 'messageId', 'must be a non-empty string');
    if (messageId.trim().length > MAX_MESSAGE_ID_LENGTH) {
      return reject('invalid_field', 'messageId', `must be at most ${MAX_MESSAGE_ID_LENGTH} characters`);
    }
  }

  let eventName: string;
  if (type === 'track') {
    const name = asText(message.event);
    if (name === undefined) return reject('missing_event', 'event', 'is required for track');
    eventName = name;
  } else {
    eventName = type === 'page' ? PAGE_EVENT : type === 'screen' ? SCREEN_EVENT : type;
  }

  const time = correctedTime(message, envelope, options.receivedAtMs);
  if (!time.ok) return reject('invalid_event_time', time.field, 'must be an ISO 8601 date-time');

  const context = merged(envelope.context, asObject(message.context));
  const integrations = merged(envelope.integrations, asObject(message.integrations));
  const properties = asObject(message.properties) ?? {};
  const traits = merged(asObject(context.traits), type === 'identify' ? asObject(message.traits) : undefined);
  const page = readPage(type, properties, asObject(context.page));

  const user = readUser(properties, traits, context, integrations, page.search);
  if (userId !== undefined) user.external_id = type === 'alias' && previousId !== undefined ? [userId, previousId] : userId;

  const input: IngestEventInput = {
    event: eventName,
    event_id: asIdText(properties.event_id ?? properties.eventId) ?? messageId?.trim(),
    event_time: time.seconds,
    anonymous_id: anonymousId ?? (type === 'alias' ? previousId : undefined),
    user,
    page: page.url === undefined && page.referrer === undefined ? undefined : { url: page.url, referrer: page.referrer },
    properties: readProperties(type, properties),
    limited_data_use: typeof properties.limited_data_use === 'boolean' ? properties.limited_data_use : undefined,
  };

  const library = asText(asObject(context.library)?.name);
  const sender = classifySender(library, context.direct === true, options.requestFromBrowser);
  return {
    ok: true,
    input,
    identityOnly: type === 'identify' || type === 'group' || type === 'alias',
    sender,
    source: { format: 'segment', type, library, unread: unreadParts(message, context, traits, integrations) },
  };
}

function reject(reason: RejectionReason, field: string, message: string): SegmentTranslation {
  return { ok: false, reason, errors: [{ field, message }] };
}

function readType(value: unknown): SegmentCallType | undefined {
  const type = asText(value)?.toLowerCase();
  return (SEGMENT_CALL_TYPES as readonly string[]).includes(type ?? '') ? (type as SegmentCallType) : undefined;
}

// Segment's skew correction: the client's clock may be off, but the time between the event and the
// send is right on it, so timestamp = receivedAt - (sentAt - originalTimestamp). Without sentAt the
// client's time is taken as it is; without any time, the receipt time. A time ahead of receipt is a
// clock the correction could not fix, and is clamped to receipt.
function correctedTime(
  message: JsonObject,
  envelope: SegmentEnvelope,
  receivedAtMs: number,
): { ok: true; seconds: number } | { ok: false; field: string } {
  const receivedAt = Math.floor(receivedAtMs / 1000);
  const originalField = message.originalTimestamp !== undefined && message.originalTimestamp !== null ? 'originalTimestamp' : 'timestamp';
  const original = message[originalField];
  if (original === undefined || original === null) return { ok: true, seconds: receivedAt };
  const originalSeconds = timeSeconds(original);
  if (originalSeconds === undefined) return { ok: false, field: originalField };

  const sent = message.sentAt ?? envelope.sentAt;
  const sentSeconds = timeSeconds(sent);
  const seconds = sentSeconds === undefined ? originalSeconds : receivedAt - (sentSeconds - originalSeconds);
  return { ok: true, seconds: Math.min(seconds, receivedAt) };
}

// The clients send ISO 8601 in UTC ("...Z", from Date.toJSON), which Date.parse reads exactly and
// fast; anything else goes through the native event-time reader (offsets, epoch numbers).
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

function timeSeconds(value: unknown): number | undefined {
  if (typeof value === 'string' && UTC_ISO.test(value)) {
    const ms = Date.parse(value);
    // Date.parse rolls "02-30" over into March; a day that moved was not a real date (every month
    // has the days up to the 28th).
    if (!Number.isFinite(ms)) return undefined;
    const day = Number(value.slice(8, 10));
    if (day > 28 && new Date(ms).getUTCDate() !== day) return undefined;
    return Math.floor(ms / 1000);
  }
  return typeof value === 'string' || typeof value === 'number' ? toUnixSeconds(value) : undefined;
}

// A message's own object over its batch's, copied only when both exist.
function merged(shared: JsonObject | undefined, own: JsonObject | undefined): JsonObject {
  if (shared === undefined) return own ?? {};
  return own === undefined ? shared : { ...shared, ...own };
}

interface PageFields {
  url?: string;
  referrer?: string;
  search?: string;
}

// A page call's own properties describe the page (url, referrer) before context.page does.
function readPage(type: SegmentCallType, properties: JsonObject, contextPage: JsonObject | undefined): PageFields {
  const own = type === 'page' ? properties : undefined;
  return {
    url: asText(own?.url) ?? asText(contextPage?.url),
    referrer: asText(own?.referrer) ?? asText(contextPage?.referrer),
    search: asText(own?.search) ?? asText(contextPage?.search),
  };
}

function readUser(properties: JsonObject, traits: JsonObject, context: JsonObject, integrations: JsonObject, search: string | undefined): IngestUserInput {
  const address = asObject(traits.address);
  // Where Segment's TikTok destination reads click ids that the sender set itself.
  const tiktok = asObject(integrations['TikTok Conversions']) ?? asObject(integrations.TikTok);
  return {
    email: asText(properties.email ?? traits.email),
    phone: asTextOrNumber(properties.phone ?? traits.phone),
    first_name: asText(properties.first_name ?? properties.firstName ?? traits.firstName ?? traits.first_name),
    last_name: asText(properties.last_name ?? properties.lastName ?? traits.lastName ?? traits.last_name),
    city: asText(address?.city),
    state: asText(address?.state),
    country: asText(address?.country),
    zip_code: asTextOrNumber(address?.postalCode ?? address?.postal_code ?? address?.zip),
    ip: asText(context.ip),
    user_agent: asText(context.userAgent),
    locale: asText(context.locale),
    // Declared first (see extractTtclid's declared-first order), then the page's query string,
    // which normalization reads from page.url, then context.page.search for a url without one.
    ttclid: asText(properties.ttclid) ?? asText(tiktok?.ttclid) ?? (search === undefined ? undefined : readTtclidParam(`?${search.replace(/^\?/, '')}`)),
    ttp: asText(properties.ttp) ?? asText(properties._ttp) ?? asText(tiktok?.ttp),
  };
}

function readProperties(type: SegmentCallType, properties: JsonObject): IngestPropertiesInput | undefined {
  if (type === 'identify' || type === 'group' || type === 'alias') return undefined;
  const contents = readContents(properties);
  const out: IngestPropertiesInput = {};
  for (const key of Object.keys(properties)) {
    if (READ_PROPERTY_KEYS.has(key) || key === '__proto__') continue;
    if (type === 'page' && PAGE_PROPERTY_KEYS.has(key)) continue;
    if (contents?.single && (SINGLE_PRODUCT_KEYS as readonly string[]).includes(key)) continue;
    out[key] = properties[key];
  }
  out.value = (properties.value ?? properties.revenue ?? properties.total) as IngestPropertiesInput['value'];
  out.order_id = (properties.order_id ?? properties.orderId) as IngestPropertiesInput['order_id'];
  out.content_type = (properties.content_type ?? properties.contentType) as IngestPropertiesInput['content_type'];
  // RudderStack's TikTok destination reads shopId too; TikTok's key is shop_id.
  if (properties.shop_id === undefined && properties.shopId !== undefined) out.shop_id = properties.shopId;
  if (contents !== undefined) out.contents = contents.items;
  return out;
}

// Segment's products[], a `contents` list (or one object, which senders send for one item), or the
// single product of Product Added/Viewed at the top of properties. Item keys stay as sent (the
// normalizer reads Segment's product_id, sku, name, category), except contentType.
function readContents(properties: JsonObject): { items: IngestContentInput[]; single: boolean } | undefined {
  for (const key of ['products', 'contents'] as const) {
    const value = properties[key];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) return { items: value.map(withItemContentType), single: false };
    const one = asObject(value);
    // Anything else is left for the validator to name (properties.contents must be an array).
    return one ? { items: [withItemContentType(one)], single: false } : { items: value as IngestContentInput[], single: false };
  }
  if (properties.product_id === undefined && properties.sku === undefined) return undefined;
  const item: JsonObject = {};
  for (const key of SINGLE_PRODUCT_KEYS) if (properties[key] !== undefined) item[key] = properties[key];
  return { items: [item], single: true };
}

function withItemContentType(item: unknown): IngestContentInput {
  const object = asObject(item);
  if (!object || object.content_type !== undefined || object.contentType === undefined) return item as IngestContentInput;
  const { contentType, ...rest } = object;
  return { ...rest, content_type: contentType } as IngestContentInput;
}

// What TrackLayer did not read, for the stored event: custom top-level fields, the rest of context
// (campaign, device, os...), integrations, and traits other than personal data.
function unreadParts(message: JsonObject, context: JsonObject, traits: JsonObject, integrations: JsonObject): JsonObject | undefined {
  const unread: JsonObject = { ...unreadFields(message, READ_MESSAGE_KEYS) };
  const restOfContext = unreadFields(context, READ_CONTEXT_KEYS);
  if (restOfContext) unread.context = restOfContext;
  const restOfTraits = unreadFields(traits, READ_OR_PERSONAL_TRAITS);
  if (restOfTraits) unread.traits = restOfTraits;
  const otherIntegrations = unreadFields(integrations, READ_INTEGRATIONS);
  if (otherIntegrations) unread.integrations = otherIntegrations;
  return Object.keys(unread).length > 0 ? unread : undefined;
}
