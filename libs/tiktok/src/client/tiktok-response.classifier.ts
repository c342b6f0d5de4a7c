import type { PlatformSendOutcome } from '@app/platforms';

export type TikTokOutcome = 'ok' | 'retryable' | 'permanent';

export interface TikTokResponseInput {
  httpStatus?: number;
  // Parsed JSON, or undefined when the body was not JSON (TikTok's 5xx pages are often HTML).
  body?: unknown;
  networkError?: 'timeout' | 'connection';
  // Only used to word the message of a timeout.
  timeoutMs?: number;
  // Only used to word the message of a connection error, e.g. `ECONNRESET`.
  networkErrorDetail?: string;
}

export interface TikTokResponseClassification {
  outcome: TikTokOutcome;
  // Every later event of the connector will fail the same way: mark the connector invalid.
  credentialError: boolean;
  platformCode?: number;
  platformMessage: string;
  requestId?: string;
  // TikTok's 20001: accepted, but TikTok dropped or changed part of the request.
  partial?: boolean;
  // Throttling (HTTP 429, code 40100) rather than a failure.
  rateLimited?: boolean;
}

interface TikTokBody {
  code?: number;
  message?: string;
  requestId?: string;
}

const PARTIAL_OK_CODE = 20001;
const RATE_LIMIT_CODE = 40100;
const CREDENTIAL_CODES: ReadonlySet<number> = new Set([40001, 40102, 40104, 40105]);
const RETRYABLE_CODES: ReadonlySet<number> = new Set([40100, 40132, 40202, 50000, 50002, 60001, 61000]);
const RETRYABLE_CODE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [51000, 51099],
  [52000, 52299],
];
// TikTok documents these as permanent although they sit in the 5xxxx range, which is otherwise retried.
const PERMANENT_5XXXX_CODES: ReadonlySet<number> = new Set([53102, 53103]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// TikTok sends `code` as a number; a digit string is accepted too so that a proxy re-serializing the
// body cannot turn a definite rejection into an endless retry.
function readCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

function readText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function readBody(body: unknown): TikTokBody {
  if (!isObject(body)) return {};
  return { code: readCode(body.code), message: readText(body.message), requestId: readText(body.request_id) };
}

function isSuccessStatus(status: number | undefined): boolean {
  return status === undefined || (status >= 200 && status < 300);
}

function outcomeOfCode(code: number): TikTokOutcome {
  if (code === 0 || code === PARTIAL_OK_CODE) return 'ok';
  if (RETRYABLE_CODES.has(code)) return 'retryable';
  if (RETRYABLE_CODE_RANGES.some(([low, high]) => code >= low && code <= high)) return 'retryable';
  if (PERMANENT_5XXXX_CODES.has(code)) return 'permanent';
  if (code >= 40000 && code <= 49999) return 'permanent';
  // Unlisted 5xxxx/6xxxx codes are TikTok-side failures like their listed neighbours; anything
  // else is unknown and retrying an unknown answer forever would hide it.
  if (code >= 50000 && code <= 69999) return 'retryable';
  return 'permanent';
}

function outcomeOfStatus(status: number | undefined): TikTokOutcome {
  if (status === undefined) return 'retryable';
  if (status === 408 || status === 429 || status >= 500) return 'retryable';
  if (status >= 400) return 'permanent';
  // 2xx without a readable code, 1xx and 3xx: TikTok never judged the events, so try again.
  return 'retryable';
}

function describeStatus(status: number | undefined, body: unknown, parsed: TikTokBody): string {
  if (status === undefined && body === undefined) return 'no HTTP response from TikTok';
  const http = status === undefined ? 'No HTTP status' : `HTTP ${status}`;
  if (body === undefined) return `${http} with a non-JSON body`;
  if (parsed.code !== undefined) {
    const withCode = `${http} with code ${parsed.code}`;
    return parsed.message === undefined ? withCode : `${withCode}: ${parsed.message}`;
  }
  return parsed.message === undefined ? `${http} with a JSON body that carries no code` : `${http}: ${parsed.message}`;
}

function describeCode(code: number, message: string | undefined): string {
  if (message !== undefined) return message;
  return code === 0 ? 'OK' : `TikTok code ${code} without a message`;
}

function describeNetworkError(input: TikTokResponseInput): string {
  if (input.networkError === 'timeout') {
    return input.timeoutMs === undefined ? 'request timed out' : `request timed out after ${input.timeoutMs} ms`;
  }
  const detail = readText(input.networkErrorDetail);
  return detail === undefined ? 'connection error before TikTok answered' : `connection error: ${detail}`;
}

export function classifyTikTokResponse(input: TikTokResponseInput): TikTokResponseClassification {
  if (input.networkError !== undefined) {
    return { outcome: 'retryable', credentialError: false, platformMessage: describeNetworkError(input) };
  }

  const status = input.httpStatus;
  const parsed = readBody(input.body);
  const result = (
    outcome: TikTokOutcome,
    credentialError: boolean,
    platformMessage: string,
  ): TikTokResponseClassification => ({
    outcome,
    credentialError,
    ...(parsed.code === undefined ? {} : { platformCode: parsed.code }),
    platformMessage,
    ...(parsed.requestId === undefined ? {} : { requestId: parsed.requestId }),
  });

  // A bad token may come as a bare HTTP 401/403 instead of a JSON code: same meaning either way.
  if (status === 401 || status === 403) {
    const refused = `${describeStatus(status, input.body, parsed)}: the access token was refused`;
    return result('permanent', true, parsed.message ?? refused);
  }
  if (status === 429) return { ...result('retryable', false, parsed.message ?? describeStatus(status, input.body, parsed)), rateLimited: true };

  const code = parsed.code;
  // A success code under an error status is not trusted: the status decides then.
  const codeDecides = code !== undefined && (outcomeOfCode(code) !== 'ok' || isSuccessStatus(status));
  if (!codeDecides) return result(outcomeOfStatus(status), false, describeStatus(status, input.body, parsed));

  // TikTok's code is the specific answer, so it also decides under an HTTP 4xx or 5xx status.
  const classification = result(outcomeOfCode(code), CREDENTIAL_CODES.has(code), describeCode(code, parsed.message));
  if (code === RATE_LIMIT_CODE) return { ...classification, rateLimited: true };
  return code === PARTIAL_OK_CODE ? { ...classification, partial: true } : classification;
}

// TikTok's classification in the delivery engine's terms. 40100 (QPS limit) and HTTP 429 are
// throttling; a credential code is a connector that can no longer send.
export function toPlatformSendOutcome(classification: TikTokResponseClassification, retryAfterMs?: number): PlatformSendOutcome {
  const answer = {
    ...(classification.platformCode === undefined ? {} : { platformCode: classification.platformCode }),
    platformMessage: classification.platformMessage,
    ...(classification.requestId === undefined ? {} : { requestId: classification.requestId }),
  };
  if (classification.outcome === 'ok') return { outcome: 'delivered', ...answer, messages: classification.partial ? [classification.platformMessage] : [] };
  if (classification.credentialError) return { outcome: 'credentials_invalid', ...answer };
  if (classification.outcome === 'permanent') return { outcome: 'rejected', ...answer };
  return {
    outcome: 'retry',
    ...answer,
    rateLimited: classification.rateLimited === true,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}
