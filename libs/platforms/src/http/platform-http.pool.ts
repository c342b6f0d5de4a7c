import { Pool } from 'undici';

export interface PlatformHttpPoolOptions {
  // e.g. https://business-api.tiktok.com, or the sandbox's URL in tests; a path prefix is kept.
  baseUrl: string;
  // Covers the whole exchange: connect, headers and body.
  timeoutMs: number;
  // Upper bound of sockets to the base URL; undefined lets undici open as many as needed.
  connections?: number;
  keepAliveTimeoutMs?: number;
  // Names the platform in the errors the constructor throws ("TikTok base URL must be ...").
  platformName: string;
}

export interface PlatformHttpRequest {
  method: 'GET' | 'POST';
  // Below the base URL's own path, starting with "/"; may carry a query.
  path: string;
  headers: Record<string, string>;
  body?: string;
  // Lets the caller give up early (its transaction is gone); the exchange then ends as a
  // connection error, like any request that ends without an answer.
  signal?: AbortSignal;
}

// What came back, or why nothing did. `body` is the parsed JSON, or undefined when the body was
// not JSON (platforms' 5xx pages are often HTML) or was larger than any platform answer.
export type PlatformHttpExchange =
  | { httpStatus: number; headers: Record<string, string | string[] | undefined>; body: unknown; latencyMs: number }
  | { networkError: 'timeout'; timeoutMs: number; latencyMs: number }
  | { networkError: 'connection'; detail: string; latencyMs: number };

// Platform answers are a few hundred bytes; anything far larger is a proxy's page, not the
// platform's JSON, and buffering it whole would let a broken upstream exhaust the worker's memory.
const MAX_RESPONSE_BYTES = 1024 * 1024;
const DEFAULT_KEEP_ALIVE_MS = 30_000;
// RFC 9110 field-value characters: visible ASCII, space and tab. Anything else (CR/LF above all)
// would be refused by undici with an error unrelated to the network, or worse, split the header.
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

// One keep-alive pool per platform client and so per base URL: clients are singletons (Nest
// providers), so every send reuses warm TLS connections. Every platform client (TikTok, Meta)
// sends through one of these, so timeouts, response caps and error reading are the same for all.
export class PlatformHttpPool {
  private readonly pool: Pool;
  private readonly basePath: string;
  readonly timeoutMs: number;

  constructor(options: PlatformHttpPoolOptions) {
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`${options.platformName} base URL must be http or https, got "${url.protocol}"`);
    }
    if (!Number.isInteger(options.timeoutMs) || options.timeoutMs < 1) {
      throw new Error(`${options.platformName} timeoutMs must be a positive integer, got ${options.timeoutMs}`);
    }
    this.timeoutMs = options.timeoutMs;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? null,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_MS,
      // The abort timer in exchange() bounds the whole exchange with one message; undici's own
      // per-phase timers would only race it.
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: { timeout: options.timeoutMs },
    });
  }

  // Whether a secret can travel in a header; callers check before they build the request so the
  // error can say which secret it was without repeating it.
  static isHeaderValue(value: string): boolean {
    return HEADER_VALUE.test(value);
  }

  async exchange(request: PlatformHttpRequest): Promise<PlatformHttpExchange> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const aborter = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      aborter.abort();
    }, this.timeoutMs);

    try {
      const response = await this.pool.request({
        method: request.method,
        path: `${this.basePath}${request.path}`,
        headers: request.headers,
        body: request.body,
        signal: request.signal ? AbortSignal.any([aborter.signal, request.signal]) : aborter.signal,
      });
      const text = await readCapped(response.body);
      return {
        httpStatus: response.statusCode,
        headers: response.headers,
        body: text === undefined ? undefined : parseJson(text),
        latencyMs: elapsed(),
      };
    } catch (error) {
      if (timedOut || isTimeoutError(error)) return { networkError: 'timeout', timeoutMs: this.timeoutMs, latencyMs: elapsed() };
      return { networkError: 'connection', detail: errorCode(error), latencyMs: elapsed() };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (!this.pool.closed && !this.pool.destroyed) await this.pool.close();
  }
}

// Returns undefined when the body exceeds the cap, which classifiers treat like a non-JSON body.
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
