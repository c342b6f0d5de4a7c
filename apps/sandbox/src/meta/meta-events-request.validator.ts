import { isIP } from 'node:net';
import { GraphErrorFields, invalidParameter } from './graph-error';

export type MetaEventsValidation = { ok: true; events: unknown[] } | { ok: false; error: GraphErrorFields };

type JsonObject = Record<string, unknown>;

export const META_MAX_EVENTS_PER_REQUEST = 1000;
const DAY_SECONDS = 86_400;
// Meta refuses events older than this (the whole request), 62 days for physical_store.
const MAX_AGE_DAYS = 7;
const MAX_AGE_DAYS_PHYSICAL_STORE = 62;
// Anything above this is a millisecond timestamp (1e11 s is the year 5138).
const MAX_EVENT_TIME_SECONDS = 1e11;

const ACTION_SOURCES: ReadonlySet<string> = new Set([
  'email',
  'website',
  'app',
  'phone_call',
  'chat',
  'physical_store',
  'system_generated',
  'business_messaging',
  'other',
]);
const EVENT_KEYS: ReadonlySet<string> = new Set([
  'event_name',
  'event_time',
  'action_source',
  'event_id',
  'event_source_url',
  'opt_out',
  'data_processing_options',
  'data_processing_options_country',
  'data_processing_options_state',
  'user_data',
  'custom_data',
  'referrer_url',
]);
const HASHED_KEYS = ['em', 'ph', 'fn', 'ln', 'ct', 'st', 'zp', 'country', 'db', 'ge'] as const;
const RAW_STRING_KEYS = ['client_user_agent', 'fbc', 'fbp', 'subscription_id', 'external_id'] as const;
const USER_DATA_KEYS: ReadonlySet<string> = new Set([
  ...HASHED_KEYS,
  ...RAW_STRING_KEYS,
  'client_ip_address',
  'fb_login_id',
  'lead_id',
]);
// Meta's best-practice page: user_data whose keys all fall within one of these sets cannot be
// matched and is refused (subcode 2804050 is from one peer only).
const UNMATCHABLE_KEY_SETS: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['ct', 'country', 'st', 'zp', 'ge', 'client_user_agent']),
  new Set(['db', 'client_user_agent']),
  new Set(['fn', 'ge']),
  new Set(['ln', 'ge']),
];
const DELIVERY_CATEGORIES: ReadonlySet<string> = new Set(['in_store', 'curbside', 'home_delivery']);
// 64 hex characters, optionally with the `.<8 chars>` appendix Meta's parameter builder adds.
const HASHED = /^[0-9a-fA-F]{64}(\.[\w-]{8})?$/;
const CURRENCY = /^[A-Za-z]{3}$/;
const HTTP_URL = /^https?:\/\//i;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(i: number, ...path: string[]): string {
  return `$['data'][${i}]${path.map((key) => `['${key}']`).join('')}`;
}

function fail(error: GraphErrorFields): MetaEventsValidation {
  return { ok: false, error };
}

function unexpectedKey(key: string, param: string): GraphErrorFields {
  // Meta puts this one in `message` itself (facebook-nodejs-business-sdk issue #258).
  return { httpStatus: 400, message: `(#100) Unexpected key "${key}" on param "${param}".`, type: 'OAuthException', code: 100 };
}

// The Conversions API's checks as far as Meta documents them, the first failure wins: one
// bad event makes Meta refuse the whole request, and its message names that event.
export function validateMetaEventsRequest(body: unknown, nowSeconds: number): MetaEventsValidation {
  if (!isObject(body)) return fail(invalidParameter('The request body must be a JSON object.'));
  const testEventCode = body.test_event_code;
  if (testEventCode !== undefined && typeof testEventCode !== 'string') {
    return fail(invalidParameter('The parameter test_event_code must be a string.'));
  }
  let data = body.data;
  // Meta's own curl examples and Python SDK send data as a JSON string.
  if (typeof data === 'string') data = parseJson(data);
  if (data === undefined || data === null) return fail(invalidParameter('The parameter data is required.'));
  if (!Array.isArray(data)) return fail(invalidParameter('The parameter data must be an array of events.'));
  if (data.length === 0 || data.length > META_MAX_EVENTS_PER_REQUEST) {
    return fail(invalidParameter(`The parameter data must hold 1 to ${META_MAX_EVENTS_PER_REQUEST} events, got ${data.length}.`));
  }
  for (let i = 0; i < data.length; i++) {
    const failure = validateEvent(data[i], i, nowSeconds);
    if (failure !== undefined) return fail(failure);
  }
  return { ok: true, events: data };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function validateEvent(event: unknown, i: number, nowSeconds: number): GraphErrorFields | undefined {
  if (!isObject(event)) return invalidParameter(`The parameter ${at(i)} must be an object.`);
  for (const key of Object.keys(event)) {
    // test_event_code inside an event is the classic mistake: Meta reads it at the top level only.
    if (!EVENT_KEYS.has(key)) return unexpectedKey(key, at(i));
  }
  const name = event.event_name;
  if (typeof name !== 'string' || name.trim() === '') return invalidParameter(`The parameter ${at(i, 'event_name')} is required.`);

  const time = event.event_time;
  if (time === undefined || time === null) return invalidParameter(`The parameter ${at(i, 'event_time')} is required.`);
  if (typeof time !== 'number' || !Number.isInteger(time) || time <= 0) {
    return invalidParameter(`The parameter ${at(i, 'event_time')} must be an integer Unix timestamp in seconds.`);
  }
  if (time > MAX_EVENT_TIME_SECONDS) {
    return invalidParameter(`The parameter ${at(i, 'event_time')} looks like milliseconds; send Unix seconds.`);
  }

  const source = event.action_source;
  if (source === undefined || source === null) return invalidParameter(`The parameter ${at(i, 'action_source')} is required.`);
  if (typeof source !== 'string' || !ACTION_SOURCES.has(source)) {
    return invalidParameter(`The parameter ${at(i, 'action_source')} must be one of ${[...ACTION_SOURCES].join(', ')}.`);
  }
  const maxAgeDays = source === 'physical_store' ? MAX_AGE_DAYS_PHYSICAL_STORE : MAX_AGE_DAYS;
  if (time < nowSeconds - maxAgeDays * DAY_SECONDS) {
    return invalidParameter(
      `The timestamp for this event is too far in the past. Events need to be sent from your server within ${maxAgeDays} days of when they occurred. Enter a timestamp that has occurred within the last ${maxAgeDays} days.`,
      2804003,
      'Event Timestamp Too Old',
    );
  }

  if (event.event_id !== undefined && typeof event.event_id !== 'string') {
    return invalidParameter(`The parameter ${at(i, 'event_id')} must be a string.`);
  }
  for (const key of ['event_source_url', 'referrer_url'] as const) {
    const url = event[key];
    if (url !== undefined && (typeof url !== 'string' || !HTTP_URL.test(url))) {
      return invalidParameter(`The parameter ${at(i, key)} must be an http or https URL.`);
    }
  }
  if (event.opt_out !== undefined && typeof event.opt_out !== 'boolean') {
    return invalidParameter(`The parameter ${at(i, 'opt_out')} must be a boolean.`);
  }
  const options = event.data_processing_options;
  if (options !== undefined && (!Array.isArray(options) || options.some((option) => typeof option !== 'string'))) {
    return invalidParameter(`The parameter ${at(i, 'data_processing_options')} must be an array of strings.`);
  }

  return validateUserData(event.user_data, i) ?? validateCustomData(event.custom_data, name, i);
}

function validateUserData(userData: unknown, i: number): GraphErrorFields | undefined {
  if (userData === undefined || userData === null) return invalidParameter(`The parameter ${at(i, 'user_data')} is required.`);
  if (!isObject(userData)) return invalidParameter(`The parameter ${at(i, 'user_data')} must be an object.`);
  const keys = Object.keys(userData);
  for (const key of keys) {
    if (!USER_DATA_KEYS.has(key)) return unexpectedKey(key, at(i, 'user_data'));
  }
  if (keys.length === 0) {
    return invalidParameter(`The parameter ${at(i, 'user_data')} must hold at least one customer information parameter.`);
  }
  if (UNMATCHABLE_KEY_SETS.some((allowed) => keys.every((key) => allowed.has(key)))) {
    return invalidParameter(
      `The user_data of ${at(i)} holds only ${keys.join(', ')}, which cannot be matched; add em, ph, external_id, client_ip_address with client_user_agent, fbc or fbp.`,
      2804050,
      'Insufficient Customer Information',
    );
  }
  for (const key of HASHED_KEYS) {
    const value = userData[key];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (typeof item !== 'string' || !HASHED.test(item)) {
        return invalidParameter(`The parameter ${at(i, 'user_data', key)} must be hashed: a SHA-256 hex digest of the normalized value.`);
      }
    }
  }
  for (const key of RAW_STRING_KEYS) {
    const value = userData[key];
    if (value === undefined) continue;
    const values = key === 'external_id' && Array.isArray(value) ? value : [value];
    if (values.some((item) => typeof item !== 'string' || item === '')) {
      return invalidParameter(`The parameter ${at(i, 'user_data', key)} must be a non-empty string.`);
    }
  }
  const ip = userData.client_ip_address;
  if (ip !== undefined && (typeof ip !== 'string' || isIP(ip) === 0)) {
    return invalidParameter(`The parameter ${at(i, 'user_data', 'client_ip_address')} must be a valid IPv4 or IPv6 address.`);
  }
  return undefined;
}

function validateCustomData(customData: unknown, eventName: string, i: number): GraphErrorFields | undefined {
  if (customData !== undefined && !isObject(customData)) return invalidParameter(`The parameter ${at(i, 'custom_data')} must be an object.`);
  const data: JsonObject = customData ?? {};
  const value = data.value;
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value)) && !(typeof value === 'string' && Number.isFinite(Number(value)))) {
    return invalidParameter(`The parameter ${at(i, 'custom_data', 'value')} must be a number.`);
  }
  const currency = data.currency;
  if (currency !== undefined && (typeof currency !== 'string' || !CURRENCY.test(currency))) {
    return invalidParameter(`The parameter ${at(i, 'custom_data', 'currency')} must be an ISO 4217 currency code.`);
  }
  if (eventName === 'Purchase' && (value === undefined || currency === undefined)) {
    return invalidParameter(
      `Purchase events need custom_data.value and custom_data.currency: ${at(i, 'custom_data')}.`,
      2804009,
      'Missing Value for Purchase Event',
    );
  }
  const contents = data.contents;
  if (contents === undefined) return undefined;
  if (!Array.isArray(contents)) return invalidParameter(`The parameter ${at(i, 'custom_data', 'contents')} must be an array.`);
  for (let j = 0; j < contents.length; j++) {
    const item: unknown = contents[j];
    const path = `${at(i, 'custom_data', 'contents')}[${j}]`;
    if (!isObject(item)) return invalidParameter(`The parameter ${path} must be an object.`);
    if (typeof item.id !== 'string' || item.id === '') return invalidParameter(`The parameter ${path}['id'] must be a non-empty string.`);
    if (item.quantity !== undefined && (typeof item.quantity !== 'number' || !Number.isInteger(item.quantity))) {
      return invalidParameter(`The parameter ${path}['quantity'] must be an integer.`);
    }
    if (item.item_price !== undefined && (typeof item.item_price !== 'number' || !Number.isFinite(item.item_price))) {
      return invalidParameter(`The parameter ${path}['item_price'] must be a number.`);
    }
    const category = item.delivery_category;
    if (category !== undefined && (typeof category !== 'string' || !DELIVERY_CATEGORIES.has(category))) {
      return invalidParameter(`The parameter ${path}['delivery_category'] must be one of in_store, curbside, home_delivery.`);
    }
  }
  return undefined;
}
