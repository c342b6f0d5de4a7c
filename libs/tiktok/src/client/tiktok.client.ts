import { Pool } from 'undici';
import type { TikTokTrackRequest } from '../mapping/tiktok-request.types';
import {
  classifyTikTokResponse,
  TikTokResponseClassification,
  TikTokResponseInput,
} from './tiktok-response.classifier';

export interface TikTokClientOptions {
  // e.g. https://business-api.tiktok.com, or the sandbox's URL in tests; a path prefix is kept.
  baseUrl: string;
  // Covers the whole exchange: connect, headers and body.
  timeoutMs: number;
  // Upper bound of sockets to the base URL; undefined lets undici open as many as needed.
  connections?: number;
  keepAliveTimeoutMs?: number;
}

export interface TikTokSendResult {
  // Absent when no HTTP answer arrived (timeout, connection error).
  httpStatus?: number;
  code?: number;
  message: string;
  requestId?: string;
  latencyMs: number;
  classification: TikTokResponseClassification;
}

const TRACK_PATH = '/open_api/v1.3/event/track/';
// TikTok answers with a few hundred bytes; anything far larger is a proxy's page, not TikTok's JSON,
// and buffering it whole would let a broken upstream exhaust the worker's memory.
const MAX_RESPONSE_BYTES = 1024 * 1024;
const DEFAULT_KEEP_ALIVE_MS = 30_000;
// RFC 9110 field-value characters: visible ASCII, space and tab. Anything else (CR/LF above all)
// would be refused by undici with an error unrelated to the network, or worse, split the header.
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

// One keep-alive pool per client and so per base URL: the client is meant to be a singleton
// (a Nest provider), so every send to TikTok reuses warm TLS connections.
export class TikTokClient {
  private readonly pool: Pool;
  private readonly trackPath: string;
  private readonly timeoutMs: number;

  constructor(options: TikTokClientOptions) {
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`TikTok base URL must be http or https, got "${url.protocol}"`);
    }
    if (!Number.isInteger(options.timeoutMs) || options.timeoutMs < 1) {
      throw new Error(`TikTok timeoutMs must be a positive integer, got ${options.timeoutMs}`);
    }
    this.timeoutMs = options.timeoutMs;
    this.trackPath = `${url.pathname.replace(/\/+$/, '')}${TRACK_PATH}`;
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? null,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_MS,
      // The abort timer in send() bounds the whole exchange with one message; undici's own
      // per-phase timers would only race it.
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: { timeout: options.timeoutMs },
    });
  }

  async send(accessToken: string, body: TikTokTrackRequest): Promise<TikTokSendResult> {
    if (!HEADER_VALUE.test(accessToken)) {
      // Deliberately without the value: the token must never reach a log or an error report.
      throw new TypeError('The TikTok access token contains characters that are not allowed in an HTTP header');
    }
    const payload = JSON.stringify(body);
    const started = performance.now();
    const aborter = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      aborter.abort();
    }, this.timeoutMs);

    let input: TikTokResponseInput;
    try {
      const response = await this.pool.request({
        method: 'POST',
        path: this.trackPath,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'access-token': accessToken },
        body: payload,
        signal: aborter.signal,
      });
      const text = await readCapped(response.body);
      input = { httpStatus: response.statusCode, body: text === undefined ? undefined : parseJson(text) };
    } catch (error) {
      input =
        timedOut || isTimeoutError(error)
          ? { networkError: 'timeout', timeoutMs: this.timeoutMs }
          : { networkError: 'connection', networkErrorDetail: errorCode(error) };
    } finally {
      clearTimeout(timer);
    }

    const latencyMs = Math.round(performance.now() - started);
    const classification = classifyTikTokResponse(input);
    return {
      ...(input.httpStatus === undefined ? {} : { httpStatus: input.httpStatus }),
      ...(classification.platformCode === undefined ? {} : { code: classification.platformCode }),
      message: describe(input, classification),
      ...(classification.requestId === undefined ? {} : { requestId: classification.requestId }),
      latencyMs,
      classification,
    };
  }

  async close(): Promise<void> {
    if (!this.pool.closed && !this.pool.destroyed) await this.pool.close();
  }

  // Nest calls this on providers that define it, so the lead's wrapper gets a clean shutdown for free.
  async onModuleDestroy(): Promise<void> {
    await this.close();
  }
}

function describe(input: TikTokResponseInput, classification: TikTokResponseClassification): string {
  if (input.networkError === 'timeout') return `TikTok did not answer within ${input.timeoutMs} ms`;
  if (input.networkError === 'connection') return `Could not reach TikTok: ${input.networkErrorDetail}`;
  return classification.platformMessage;
}

// Returns undefined when the body exceeds the cap, which the classifier treats like a non-JSON body.
async function readCapped(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

function isTimeoutError(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && TIMEOUT_CODES.has(code);
}

// Only the error code, never the message: it is enough to tell ECONNREFUSED from ECONNRESET and
// cannot carry request details into delivery logs.
function errorCode(error: unknown): string {
  return codeOf(error) ?? (error instanceof Error ? error.name : 'unknown error');
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof code === 'string' ? code : undefined;
  // undici wraps socket failures (UND_ERR_SOCKET) around the system error that says what happened.
  if (own !== undefined && own !== 'UND_ERR_SOCKET') return own;
  // Happy-eyeballs connects fail with an AggregateError holding one error per address tried.
  const first = Array.isArray(errors) ? (errors as unknown[])[0] : undefined;
  return codeOf(cause) ?? codeOf(first) ?? own;
}
