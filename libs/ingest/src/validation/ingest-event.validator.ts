import { findJsonBoundsViolation, JsonLimits } from '@app/core';
import type { FieldProblem } from '../intake/ingest-response';
import type { IngestEventInput } from './ingest-event.input';
import { readCount, readNumber } from './numeric-input';
import type { RejectionReason } from './rejection-reason';

export const MAX_EVENT_NAME_LENGTH = 100;
export const MAX_EVENT_ID_LENGTH = 128;
export const MAX_ANONYMOUS_ID_LENGTH = 256;
export const MAX_CONTENTS = 200;
export const MAX_IDENTIFIERS_PER_FIELD = 10;

// Per event, whatever its shape (docs/security.md). The longest documented field (a URL, a query)
// is 8192 characters (LONG_TEXT_MAX); Segment caps an event at 32 KB, so 64 K characters leave room.
export const INGEST_EVENT_LIMITS: Readonly<JsonLimits> = Object.freeze({
  maxDepth: 32,
  maxKeysPerObject: 256,
  maxItemsPerArray: 1000,
  maxStringLength: 8192,
  maxKeyLength: 256,
  maxSize: 65_536,
});

// Exported for the OpenAPI schema of the event (ingest-event.schema.ts), which states them.
export const URL_MAX = 8192;
export const TEXT_MAX = 1024;
export const LONG_TEXT_MAX = 8192;
export const SHORT_TEXT_MAX = 64;
export const USER_AGENT_MAX = 2048;
export const NAME_MAX = 256;
export const PRODUCT_ID_MAX = 256;

export type IngestEventValidation =
  | { ok: true; value: IngestEventInput }
  | { ok: false; reason: RejectionReason; errors: FieldProblem[] };

// Returns the problem with one value, or undefined when it is fine. Messages are built once, at
// load, because this runs for every field of every event.
type Check = (value: unknown) => string | undefined;
type FieldTable = ReadonlyArray<readonly [key: string, path: string, check: Check]>;
type JsonObject = Record<string, unknown>;

const MUST_BE_STRING = 'must be a string';
const MUST_BE_OBJECT = 'must be an object';
const CURRENCY_CODE = /^[A-Za-z]{3}$/;

function text(max: number): Check {
  const tooLong = `must be at most ${max} characters`;
  return (value) => (typeof value !== 'string' ? MUST_BE_STRING : value.length > max ? tooLong : undefined);
}

// TikTok wants ids as strings; numbers are accepted and turned into text later, but only while
// they still hold every digit (JSON numbers above 2^53 have already lost some when parsed).
function id(max: number): Check {
  const tooLong = `must be at most ${max} characters`;
  return (value) => {
    if (typeof value === 'string') return value.trim().length > max ? tooLong : undefined;
    if (typeof value === 'number') {
      return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER
        ? undefined
        : 'must be a string: this number is too large to keep all its digits';
    }
    return 'must be a string or a number';
  };
}

const numeric: Check = (value) => (readNumber(value) === undefined ? 'must be a number or a numeric string' : undefined);
const count: Check = (value) => (readCount(value) === undefined ? 'must be a whole number of 0 or more' : undefined);
const boolean: Check = (value) => (typeof value === 'boolean' ? undefined : 'must be true or false');
const currency: Check = (value) => {
  if (typeof value !== 'string') return MUST_BE_STRING;
  return CURRENCY_CODE.test(value.trim()) ? undefined : 'must be a 3-letter ISO 4217 code such as "USD"';
};
const eventTime: Check = (value) =>
  (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= SHORT_TEXT_MAX)
    ? undefined
    : 'must be Unix seconds, Unix milliseconds or an ISO 8601 string';
const email = text(TEXT_MAX);
const shortText = text(SHORT_TEXT_MAX);
// Phone numbers and zip codes often live in numeric columns; they are read as text later.
const phone: Check = (value) => {
  if (typeof value === 'number') return undefined;
  return typeof value === 'string' ? shortText(value) : 'must be a string or a number';
};
const externalId = id(TEXT_MAX);
const zipCode: Check = (value) => {
  if (typeof value === 'number') return undefined;
  return typeof value === 'string' ? shortText(value) : 'must be a string or a number';
};

const TOP_FIELDS: FieldTable = [
  ['event_id', 'event_id', id(MAX_EVENT_ID_LENGTH)],
  ['event_time', 'event_time', eventTime],
  ['anonymous_id', 'anonymous_id', text(MAX_ANONYMOUS_ID_LENGTH)],
  ['limited_data_use', 'limited_data_use', boolean],
];

const USER_FIELDS: FieldTable = [
  ['ip', 'user.ip', shortText],
  ['user_agent', 'user.user_agent', text(USER_AGENT_MAX)],
  ['locale', 'user.locale', shortText],
  ['ttclid', 'user.ttclid', text(TEXT_MAX)],
  ['ttp', 'user.ttp', text(TEXT_MAX)],
  ['fbc', 'user.fbc', text(TEXT_MAX)],
  ['fbp', 'user.fbp', text(TEXT_MAX)],
  ['first_name', 'user.first_name', text(NAME_MAX)],
  ['last_name', 'user.last_name', text(NAME_MAX)],
  ['city', 'user.city', text(NAME_MAX)],
  ['state', 'user.state', text(NAME_MAX)],
  ['country', 'user.country', text(NAME_MAX)],
  ['zip_code', 'user.zip_code', zipCode],
];

const IDENTIFIER_FIELDS: FieldTable = [
  ['email', 'user.email', email],
  ['phone', 'user.phone', phone],
  ['external_id', 'user.external_id', externalId],
];

const PAGE_FIELDS: FieldTable = [
  ['url', 'page.url', text(URL_MAX)],
  ['referrer', 'page.referrer', text(URL_MAX)],
];

const COOKIE_FIELDS: FieldTable = [
  ['_ttp', 'cookies._ttp', text(TEXT_MAX)],
  ['ttclid', 'cookies.ttclid', text(TEXT_MAX)],
  ['_fbc', 'cookies._fbc', text(TEXT_MAX)],
  ['_fbp', 'cookies._fbp', text(TEXT_MAX)],
];

const PROPERTY_FIELDS: FieldTable = [
  ['value', 'properties.value', numeric],
  ['currency', 'properties.currency', currency],
  ['order_id', 'properties.order_id', id(PRODUCT_ID_MAX)],
  ['content_type', 'properties.content_type', shortText],
  ['query', 'properties.query', text(LONG_TEXT_MAX)],
  ['description', 'properties.description', text(LONG_TEXT_MAX)],
];

// Content paths depend on the item index, so they are built only when a problem is reported.
const CONTENT_FIELDS: ReadonlyArray<readonly [key: string, check: Check]> = [
  ['content_id', id(PRODUCT_ID_MAX)],
  ['item_id', id(PRODUCT_ID_MAX)],
  ['product_id', id(PRODUCT_ID_MAX)],
  ['sku', id(PRODUCT_ID_MAX)],
  ['content_name', text(TEXT_MAX)],
  ['item_name', text(TEXT_MAX)],
  ['name', text(TEXT_MAX)],
  ['content_category', text(TEXT_MAX)],
  ['item_category', text(TEXT_MAX)],
  ['category', text(TEXT_MAX)],
  ['price', numeric],
  ['quantity', count],
  ['brand', text(TEXT_MAX)],
  ['item_brand', text(TEXT_MAX)],
  ['content_type', shortText],
];

// GA4 sends its products as `items`, Segment as `products`; TikTok's own key wins.
export const CONTENTS_KEYS = ['contents', 'items', 'products'] as const;

// Hand-written rather than class-validator: this runs for every event on the hot path. It reports
// every problem of the event at once, each with its full path, so a customer can fix them in one go;
// except the bounds of the whole event (text that cannot be stored, depth, size), checked first
// and alone, because everything after it (and the derived event id) walks the event.
export function validateIngestEvent(input: unknown): IngestEventValidation {
  if (!isObject(input)) {
    return { ok: false, reason: 'not_an_object', errors: [{ field: '$', message: 'must be an event object' }] };
  }
  const bounds = findJsonBoundsViolation(input, INGEST_EVENT_LIMITS);
  if (bounds) return { ok: false, reason: bounds.reason, errors: [{ field: bounds.field, message: bounds.message }] };
  const problems: FieldProblem[] = [];

  let missingEvent = false;
  const name = input.event;
  if (name === undefined || name === null) {
    missingEvent = true;
    problems.push({ field: 'event', message: 'is required' });
  } else if (typeof name !== 'string') {
    problems.push({ field: 'event', message: MUST_BE_STRING });
  } else {
    const length = name.trim().length;
    if (length === 0) {
      missingEvent = true;
      problems.push({ field: 'event', message: 'must not be empty' });
    } else if (length > MAX_EVENT_NAME_LENGTH) {
      problems.push({ field: 'event', message: `must be at most ${MAX_EVENT_NAME_LENGTH} characters` });
    }
  }

  checkFields(input, TOP_FIELDS, problems);

  const user = input.user;
  if (user !== undefined && user !== null) {
    if (!isObject(user)) {
      problems.push({ field: 'user', message: MUST_BE_OBJECT });
    } else {
      checkIdentifiers(user, problems);
      checkFields(user, USER_FIELDS, problems);
    }
  }
  checkObject(input, 'page', PAGE_FIELDS, problems);
  checkObject(input, 'cookies', COOKIE_FIELDS, problems);

  const properties = input.properties;
  if (properties !== undefined && properties !== null) {
    if (!isObject(properties)) problems.push({ field: 'properties', message: MUST_BE_OBJECT });
    else checkProperties(properties, problems);
  }

  if (problems.length === 0) return { ok: true, value: input as unknown as IngestEventInput };
  return { ok: false, reason: missingEvent ? 'missing_event' : 'invalid_field', errors: problems };
}

// The key under which an event's products are read, if any: the first of CONTENTS_KEYS present.
export function contentsKeyOf(properties: JsonObject): (typeof CONTENTS_KEYS)[number] | undefined {
  for (const key of CONTENTS_KEYS) {
    const value = properties[key];
    if (value !== undefined && value !== null) return key;
  }
  return undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkFields(object: JsonObject, fields: FieldTable, problems: FieldProblem[]): void {
  for (const [key, path, check] of fields) {
    const value = object[key];
    if (value === undefined || value === null) continue;
    const message = check(value);
    if (message !== undefined) problems.push({ field: path, message });
  }
}

function checkObject(parent: JsonObject, key: string, fields: FieldTable, problems: FieldProblem[]): void {
  const value = parent[key];
  if (value === undefined || value === null) return;
  if (!isObject(value)) problems.push({ field: key, message: MUST_BE_OBJECT });
  else checkFields(value, fields, problems);
}

// email, phone and external_id: one value or a short list of them, as TikTok accepts.
function checkIdentifiers(user: JsonObject, problems: FieldProblem[]): void {
  for (const [key, path, check] of IDENTIFIER_FIELDS) {
    const value = user[key];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) {
      const message = check(value);
      if (message !== undefined) problems.push({ field: path, message });
    } else if (value.length > MAX_IDENTIFIERS_PER_FIELD) {
      problems.push({ field: path, message: `must hold at most ${MAX_IDENTIFIERS_PER_FIELD} values` });
    } else {
      for (let i = 0; i < value.length; i++) {
        const message = check(value[i]);
        if (message !== undefined) problems.push({ field: `${path}[${i}]`, message });
      }
    }
  }
}

function checkProperties(properties: JsonObject, problems: FieldProblem[]): void {
  checkFields(properties, PROPERTY_FIELDS, problems);

  const contentsKey = contentsKeyOf(properties);
  if (contentsKey !== undefined) {
    checkContents(properties[contentsKey], `properties.${contentsKey}`, problems);
    return;
  }
  // content_ids is only read when no product list exists (TikTok: "only without contents").
  const contentIds = properties.content_ids;
  if (contentIds === undefined || contentIds === null) return;
  const path = 'properties.content_ids';
  if (!Array.isArray(contentIds)) {
    problems.push({ field: path, message: 'must be an array of strings' });
  } else if (contentIds.length > MAX_CONTENTS) {
    problems.push({ field: path, message: `must hold at most ${MAX_CONTENTS} items` });
  } else {
    const check = CONTENT_FIELDS[0][1];
    for (let i = 0; i < contentIds.length; i++) {
      const message = check(contentIds[i]);
      if (message !== undefined) problems.push({ field: `${path}[${i}]`, message });
    }
  }
}

function checkContents(contents: unknown, path: string, problems: FieldProblem[]): void {
  if (!Array.isArray(contents)) {
    problems.push({ field: path, message: 'must be an array of objects' });
    return;
  }
  if (contents.length > MAX_CONTENTS) {
    problems.push({ field: path, message: `must hold at most ${MAX_CONTENTS} items` });
    return;
  }
  for (let i = 0; i < contents.length; i++) {
    const item: unknown = contents[i];
    if (!isObject(item)) {
      problems.push({ field: `${path}[${i}]`, message: MUST_BE_OBJECT });
      continue;
    }
    for (const [key, check] of CONTENT_FIELDS) {
      const value = item[key];
      if (value === undefined || value === null) continue;
      const message = check(value);
      if (message !== undefined) problems.push({ field: `${path}[${i}].${key}`, message });
    }
  }
}
