import { readRetryAfterMs, type PlatformSendOutcome } from '@app/platforms';

export interface MetaResponseInput {
  httpStatus?: number;
  headers?: Record<string, string | string[] | undefined>;
  // Parsed JSON, or undefined when the body was not JSON (Meta's edge answers 5xx with HTML).
  body?: unknown;
  networkError?: 'timeout' | 'connection';
  // Only used to word the message of a timeout.
  timeoutMs?: number;
  // Only used to word the message of a connection error, e.g. `ECONNRESET`.
  networkErrorDetail?: string;
}

interface GraphError {
  code?: number;
  subcode?: number;
  message?: string;
  type?: string;
  isTransient: boolean;
  userTitle?: string;
  userMessage?: string;
  traceId?: string;
}

// Graph API error codes (Meta's error-handling guide, its Marketing API rate limiting page).
// Throttling: 4 app, 17 user (subcode 2446079 for ads), 341 app limit, 613 calls per hour (1487742).
const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([4, 17, 341, 613]);
// Temporary: 1 unknown error, 2 service down, 368 temporarily blocked.
const TRANSIENT_CODES: ReadonlySet<number> = new Set([1, 2, 368]);
// The token is bad, expired (190 with 463), missing (104), or lacks a permission (10, 200-299).
const CREDENTIAL_CODES: ReadonlySet<number> = new Set([10, 102, 104, 190]);
// Code 100 with subcode 33: "Object with ID ... does not exist, cannot be loaded due to missing
// permissions": a wrong pixel id, or a token that cannot see the pixel.
const INVALID_PARAMETER = 100;
const OBJECT_NOT_REACHABLE_SUBCODE = 33;
// Meta names the failing event of a batch in error_user_msg: "The parameter $['data'][3]['event_time'] is required."
const EVENT_INDEX = /\$\['data'\]\[(\d+)\]/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A digit string is accepted too, so a proxy re-serializing the body cannot turn a definite
// rejection into an endless retry.
function readInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

function readText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function readGraphError(body: unknown): GraphError | undefined {
  if (!isObject(body) || !isObject(body.error)) return undefined;
  const error = body.error;
  return {
    code: readInteger(error.code),
    subcode: readInteger(error.error_subcode),
    message: readText(error.message),
    type: readText(error.type),
    // Meta sends a boolean; "true" from a re-serializing proxy means the same.
    isTransient: error.is_transient === true || error.is_transient === 'true',
    userTitle: readText(error.error_user_title),
    userMessage: readText(error.error_user_msg),
    traceId: readText(error.fbtrace_id),
  };
}

function isCredentialError(error: GraphError): boolean {
  const code = error.code;
  if (code === undefined) return false;
  if (CREDENTIAL_CODES.has(code) || (code >= 200 && code <= 299)) return true;
  return code === INVALID_PARAMETER && error.subcode === OBJECT_NOT_REACHABLE_SUBCODE;
}

// "Invalid parameter (#100/2804003): Event Timestamp Too Old: The timestamp for this event is too far in the past."
function describeGraphError(error: GraphError, httpStatus: number | undefined): string {
  const codes = error.code === undefined ? '' : ` (#${error.code}${error.subcode === undefined ? '' : `/${error.subcode}`})`;
  const head = `${error.message ?? `HTTP ${httpStatus ?? '?'} Graph API error`}${codes}`;
  const user = [error.userTitle, error.userMessage].filter((part): part is string => part !== undefined && part !== error.message);
  return user.length === 0 ? head : `${head}: ${user.join(': ')}`;
}

function eventIndexOf(error: GraphError): number | undefined {
  const match = EVENT_INDEX.exec(error.userMessage ?? '') ?? EVENT_INDEX.exec(error.message ?? '');
  return match ? Number(match[1]) : undefined;
}

function describeNetworkError(input: MetaResponseInput): string {
  if (input.networkError === 'timeout') {
    return input.timeoutMs === undefined ? 'Meta did not answer in time' : `Meta did not answer within ${input.timeoutMs} ms`;
  }
  const detail = readText(input.networkErrorDetail);
  return detail === undefined ? 'Could not reach Meta' : `Could not reach Meta: ${detail}`;
}

function describeStatus(status: number | undefined, body: unknown): string {
  const http = status === undefined ? 'No HTTP status' : `HTTP ${status}`;
  return body === undefined ? `${http} with a non-JSON body` : `${http} with a JSON body that is not a Graph API answer`;
}

function isSuccessStatus(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}

// Meta's answers -> one outcome. Graph's error code decides, not the HTTP status: the same
// throttling code 4 has come with 400 and with 403.
export function classifyMetaResponse(input: MetaResponseInput): PlatformSendOutcome {
  if (input.networkError !== undefined) {
    return { outcome: 'retry', rateLimited: false, platformMessage: describeNetworkError(input) };
  }
  const status = input.httpStatus;
  const error = readGraphError(input.body);
  if (error !== undefined) return classifyGraphError(error, input);

  if (isSuccessStatus(status) && isObject(input.body) && ('events_received' in input.body || 'fbtrace_id' in input.body)) {
    const body = input.body;
    const received = readInteger(body.events_received);
    const messages = Array.isArray(body.messages) ? body.messages.map((message) => (typeof message === 'string' ? message : JSON.stringify(message))) : [];
    const traceId = readText(body.fbtrace_id);
    return {
      outcome: 'delivered',
      ...(received === undefined ? {} : { eventsReceived: received }),
      messages,
      platformMessage: received === undefined ? 'OK' : `${received} event${received === 1 ? '' : 's'} received`,
      ...(traceId === undefined ? {} : { requestId: traceId }),
    };
  }

  // No Graph answer at all: a proxy, a load balancer or Meta's edge spoke. 5xx, 408, 429 and 2xx
  // bodies nobody judged are worth another try; any other 4xx will not change by retrying.
  const platformMessage = describeStatus(status, input.body);
  const after = readRetryAfterMs(input.headers);
  if (status === undefined || status >= 500 || status === 408 || status === 429 || status < 400) {
    return { outcome: 'retry', rateLimited: status === 429, platformMessage, ...(after === undefined ? {} : { retryAfterMs: after }) };
  }
  return { outcome: 'rejected', platformMessage };
}

function classifyGraphError(error: GraphError, input: MetaResponseInput): PlatformSendOutcome {
  const answer = {
    ...(error.code === undefined ? {} : { platformCode: error.code }),
    ...(error.subcode === undefined ? {} : { platformSubcode: error.subcode }),
    platformMessage: describeGraphError(error, input.httpStatus),
    ...(error.traceId === undefined ? {} : { requestId: error.traceId }),
  };
  const code = error.code;
  const rateLimited = code !== undefined && RATE_LIMIT_CODES.has(code);
  // is_transient wins even on code 100: Meta says the same request may work later.
  const retryable =
    error.isTransient ||
    rateLimited ||
    (code !== undefined && TRANSIENT_CODES.has(code)) ||
    (code === undefined && (input.httpStatus === undefined || input.httpStatus >= 500));
  if (retryable) {
    const after = readRetryAfterMs(input.headers);
    return { outcome: 'retry', rateLimited, ...answer, ...(after === undefined ? {} : { retryAfterMs: after }) };
  }
  if (isCredentialError(error)) return { outcome: 'credentials_invalid', ...answer };
  const eventIndex = eventIndexOf(error);
  return { outcome: 'rejected', ...answer, ...(eventIndex === undefined ? {} : { eventIndex }) };
}
