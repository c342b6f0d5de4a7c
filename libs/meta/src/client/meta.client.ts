import { PlatformHttpPool, type PlatformHttpExchange, type PlatformSendOutcome } from '@app/platforms';
import type { MetaEventsRequest } from '../mapping/meta-request.types';
import { META_PIXEL_ID_PATTERN } from '../platform/meta-credential-fields';
import { classifyMetaResponse, MetaResponseInput } from './meta-response.classifier';

export interface MetaClientOptions {
  // https://graph.facebook.com, or the sandbox's URL; a path prefix is kept.
  baseUrl: string;
  // e.g. v25.0: every path starts with it.
  apiVersion: string;
  // Covers the whole exchange: connect, headers and body.
  timeoutMs: number;
  // Authorization: Bearer (default) or `access_token` in the JSON body. Never the query string.
  accessTokenIn?: 'header' | 'body';
  connections?: number;
  keepAliveTimeoutMs?: number;
}

export interface MetaSendResult {
  // Absent when no HTTP answer arrived (timeout, connection error).
  httpStatus?: number;
  latencyMs: number;
  outcome: PlatformSendOutcome;
}

// The pixel node when Meta returned it (the token can see this pixel), else what Meta answered.
export type MetaPixelReadResult = { httpStatus?: number; latencyMs: number } & (
  | { pixel: { id: string; name?: string } }
  | { outcome: PlatformSendOutcome }
);

const GRAPH_VERSION = /^v\d{1,3}\.\d{1,2}$/;

// The Conversions API over undici, one pooled client per process (a Nest provider). The token
// is passed per call, in a header or the body, and never kept: tenants' tokens must never mix,
// which is the trap of Meta's Node SDK (a process-wide default token in the query string).
export class MetaClient {
  private readonly http: PlatformHttpPool;
  private readonly apiVersion: string;
  private readonly accessTokenIn: 'header' | 'body';

  constructor(options: MetaClientOptions) {
    if (!GRAPH_VERSION.test(options.apiVersion)) {
      throw new Error(`Meta API version must look like v25.0, got "${options.apiVersion}"`);
    }
    this.http = new PlatformHttpPool({ ...options, platformName: 'Meta' });
    this.apiVersion = options.apiVersion;
    this.accessTokenIn = options.accessTokenIn ?? 'header';
  }

  // POST /{version}/{pixelId}/events. `signal` lets the caller give up early (its transaction is gone).
  async sendEvents(pixelId: string, accessToken: string, request: MetaEventsRequest, signal?: AbortSignal): Promise<MetaSendResult> {
    checkPixelId(pixelId);
    checkToken(accessToken);
    const inBody = this.accessTokenIn === 'body';
    const exchange = await this.http.exchange({
      method: 'POST',
      path: `/${this.apiVersion}/${pixelId}/events`,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(inBody ? {} : { authorization: `Bearer ${accessToken}` }),
      },
      // The token joins the body only here, so the request object a caller logs never holds it.
      body: JSON.stringify(inBody ? { ...request, access_token: accessToken } : request),
      signal,
    });
    return { ...answerOf(exchange), outcome: classifyMetaResponse(inputOf(exchange, this.http.timeoutMs)) };
  }

  // GET /{version}/{pixelId}?fields=id,name: whether the token can see the pixel, without an event.
  async readPixel(pixelId: string, accessToken: string): Promise<MetaPixelReadResult> {
    checkPixelId(pixelId);
    checkToken(accessToken);
    const exchange = await this.http.exchange({
      method: 'GET',
      path: `/${this.apiVersion}/${pixelId}?fields=id,name`,
      headers: { accept: 'application/json', authorization: `Bearer ${accessToken}` },
    });
    const answer = answerOf(exchange);
    const node = 'httpStatus' in exchange && exchange.httpStatus === 200 ? pixelNode(exchange.body) : undefined;
    if (node !== undefined) return { ...answer, pixel: node };
    return { ...answer, outcome: classifyMetaResponse(inputOf(exchange, this.http.timeoutMs)) };
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }
}

function checkPixelId(pixelId: string): void {
  // A number: anything else would let a connector's value reach into the path of the request.
  if (!META_PIXEL_ID_PATTERN.test(pixelId)) throw new TypeError('A Meta pixel id is a number of up to 32 digits');
}

function checkToken(accessToken: string): void {
  // Deliberately without the value: the token must never reach a log or an error report.
  if (accessToken === '' || !PlatformHttpPool.isHeaderValue(accessToken)) {
    throw new TypeError('The Meta access token is empty or holds characters that are not allowed in an HTTP header');
  }
}

function answerOf(exchange: PlatformHttpExchange): { httpStatus?: number; latencyMs: number } {
  return 'httpStatus' in exchange ? { httpStatus: exchange.httpStatus, latencyMs: exchange.latencyMs } : { latencyMs: exchange.latencyMs };
}

function inputOf(exchange: PlatformHttpExchange, timeoutMs: number): MetaResponseInput {
  if ('httpStatus' in exchange) return { httpStatus: exchange.httpStatus, headers: exchange.headers, body: exchange.body };
  if (exchange.networkError === 'timeout') return { networkError: 'timeout', timeoutMs };
  return { networkError: 'connection', networkErrorDetail: exchange.detail };
}

function pixelNode(body: unknown): { id: string; name?: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { id, name } = body as { id?: unknown; name?: unknown };
  if (typeof id !== 'string' || id === '') return undefined;
  return typeof name === 'string' && name !== '' ? { id, name } : { id };
}
