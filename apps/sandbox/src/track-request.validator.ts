import { TikTokCode } from './tiktok-code.enum';

export interface TrackValidationFailure {
  ok: false;
  code: TikTokCode;
  message: string;
}

export type TrackValidationResult = { ok: true } | TrackValidationFailure;

export interface TrackEnvelope {
  pixelCode: string | null;
  testEventCode: string | null;
  eventCount: number;
}

type JsonObject = Record<string, unknown>;

const OK: TrackValidationResult = Object.freeze({ ok: true });

export const MAX_EVENTS_PER_REQUEST = 1000;

// Anything above this is a millisecond timestamp (1e11 s is the year 5138), TikTok's most common
// rejection for hand-built payloads.
const MAX_EVENT_TIME_SECONDS = 1e11;

const EVENT_SOURCES: ReadonlySet<string> = new Set(['web', 'app', 'offline', 'crm']);
const HASHED_USER_FIELDS = ['email', 'phone', 'external_id'] as const;
const RAW_USER_FIELDS = ['ttclid', 'ttp', 'ip', 'user_agent'] as const;

function fail(code: TikTokCode, message: string): TrackValidationFailure {
  return { ok: false, code, message };
}

function invalid(message: string): TrackValidationFailure {
  return fail(TikTokCode.InvalidParameter, message);
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A char-code loop instead of a regex: this runs for every identifier of every event.
export function isSha256Hex(value: string): boolean {
  if (value.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = value.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    const lower = c >= 97 && c <= 102;
    const upper = c >= 65 && c <= 70;
    if (!digit && !lower && !upper) return false;
  }
  return true;
}

// Reads what the request log needs from a body that may not have passed validation.
export function readTrackEnvelope(body: unknown): TrackEnvelope {
  if (!isJsonObject(body)) return { pixelCode: null, testEventCode: null, eventCount: 0 };
  const pixelCode = body.event_source_id;
  const testEventCode = body.test_event_code;
  const data = body.data;
  return {
    pixelCode: typeof pixelCode === 'string' && pixelCode !== '' ? pixelCode : null,
    testEventCode: typeof testEventCode === 'string' && testEventCode !== '' ? testEventCode : null,
    eventCount: Array.isArray(data) ? data.length : 0,
  };
}

export function validateTrackRequest(body: unknown): TrackValidationResult {
  if (!isJsonObject(body)) return invalid('The request body must be a JSON object');

  const source = body.event_source;
  if (source === undefined || source === null || source === '') return invalid('event_source is required');
  if (typeof source !== 'string' || !EVENT_SOURCES.has(source)) {
    return invalid('event_source must be one of web, app, offline, crm');
  }

  const sourceId = body.event_source_id;
  if (sourceId === undefined || sourceId === null || sourceId === '') return invalid('event_source_id is required');
  if (typeof sourceId !== 'string') return invalid('event_source_id is not a valid string');

  if (body.test_event_code !== undefined && typeof body.test_event_code !== 'string') {
    return invalid('test_event_code is not a valid string');
  }

  const partner = body.partner_name;
  if (partner !== undefined && partner !== null && partner !== '') {
    if (typeof partner !== 'string') return invalid('partner_name is not a valid string');
    return fail(TikTokCode.PartnerNotRegistered, `partner_name "${partner}" is not a registered partner`);
  }

  const data = body.data;
  if (data === undefined || data === null) return invalid('data is required');
  if (!Array.isArray(data)) return invalid('data must be an array of events');
  if (data.length === 0 || data.length > MAX_EVENTS_PER_REQUEST) {
    return fail(
      TikTokCode.InvalidBatchSize,
      `Invalid batch size: data must hold 1 to ${MAX_EVENTS_PER_REQUEST} events, got ${data.length}`,
    );
  }

  for (let i = 0; i < data.length; i++) {
    const failure = validateEvent(data[i], i);
    if (failure !== undefined) return failure;
  }
  return OK;
}

// Paths are built only on failure so the accepting path allocates no strings.
function validateEvent(event: unknown, i: number): TrackValidationFailure | undefined {
  if (!isJsonObject(event)) return invalid(`data[${i}] must be an object`);

  const name = event.event;
  if (name === undefined || name === null || name === '') return invalid(`data[${i}].event is required`);
  if (typeof name !== 'string') return invalid(`data[${i}].event is not a valid string`);

  const time = event.event_time;
  if (time === undefined || time === null) return invalid(`data[${i}].event_time is required`);
  if (typeof time !== 'number' || !Number.isInteger(time)) {
    return invalid(`data[${i}].event_time must be an integer Unix timestamp in seconds`);
  }
  if (time > MAX_EVENT_TIME_SECONDS) {
    return invalid(`data[${i}].event_time ${time} looks like milliseconds; send Unix seconds`);
  }
  if (time <= 0) return invalid(`data[${i}].event_time must be a positive Unix timestamp in seconds`);

  if (event.event_id !== undefined && typeof event.event_id !== 'string') {
    return invalid(`data[${i}].event_id is not a valid string`);
  }

  // TikTok reads test_event_code only at the top level: inside data[] it is ignored and the event
  // lands in live reporting, so the sandbox refuses it to surface the mistake.
  if (event.test_event_code !== undefined) {
    return invalid(`data[${i}].test_event_code is not allowed inside data[]; set test_event_code at the top level`);
  }

  if (event.user !== undefined) {
    const failure = validateUser(event.user, i);
    if (failure !== undefined) return failure;
  }
  if (event.properties !== undefined) {
    const failure = validateProperties(event.properties, i);
    if (failure !== undefined) return failure;
  }
  if (event.page !== undefined) {
    const failure = validatePage(event.page, i);
    if (failure !== undefined) return failure;
  }
  return undefined;
}

function validateUser(user: unknown, i: number): TrackValidationFailure | undefined {
  if (!isJsonObject(user)) return invalid(`data[${i}].user must be an object`);

  for (const field of HASHED_USER_FIELDS) {
    const value = user[field];
    if (value === undefined) continue;
    if (typeof value === 'string') {
      if (!isSha256Hex(value)) return notHashed(`data[${i}].user.${field}`);
      continue;
    }
    if (!Array.isArray(value)) return invalid(`data[${i}].user.${field} must be a string or an array of strings`);
    for (let j = 0; j < value.length; j++) {
      const item: unknown = value[j];
      if (typeof item !== 'string') return invalid(`data[${i}].user.${field}[${j}] is not a valid string`);
      if (!isSha256Hex(item)) return notHashed(`data[${i}].user.${field}[${j}]`);
    }
  }

  // TikTok matches these raw; a hashed value can never match, so it is a client bug.
  for (const field of RAW_USER_FIELDS) {
    const value = user[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') return invalid(`data[${i}].user.${field} is not a valid string`);
    if (isSha256Hex(value)) return invalid(`data[${i}].user.${field} looks hashed; send it raw, not SHA-256`);
  }
  return undefined;
}

function notHashed(path: string): TrackValidationFailure {
  return fail(TikTokCode.PiiNotHashed, `PII not hashed: ${path} must be a SHA-256 hex digest (64 hex characters)`);
}

function validateProperties(properties: unknown, i: number): TrackValidationFailure | undefined {
  if (!isJsonObject(properties)) return invalid(`data[${i}].properties must be an object`);

  const contents = properties.contents;
  if (contents !== undefined) {
    if (!Array.isArray(contents)) return invalid(`data[${i}].properties.contents must be an array`);
    for (let j = 0; j < contents.length; j++) {
      const item: unknown = contents[j];
      if (!isJsonObject(item)) return invalid(`data[${i}].properties.contents[${j}] must be an object`);
      if (item.content_id !== undefined && typeof item.content_id !== 'string') {
        return invalid(`data[${i}].properties.contents[${j}].content_id is not a valid string`);
      }
    }
  }

  const ids = properties.content_ids;
  if (ids !== undefined) {
    if (!Array.isArray(ids)) return invalid(`data[${i}].properties.content_ids must be an array of strings`);
    for (let j = 0; j < ids.length; j++) {
      if (typeof ids[j] !== 'string') return invalid(`data[${i}].properties.content_ids[${j}] is not a valid string`);
    }
  }
  return undefined;
}

function validatePage(page: unknown, i: number): TrackValidationFailure | undefined {
  if (!isJsonObject(page)) return invalid(`data[${i}].page must be an object`);
  if (page.url !== undefined && typeof page.url !== 'string') return invalid(`data[${i}].page.url is not a valid string`);
  if (page.referrer !== undefined && typeof page.referrer !== 'string') {
    return invalid(`data[${i}].page.referrer is not a valid string`);
  }
  return undefined;
}
