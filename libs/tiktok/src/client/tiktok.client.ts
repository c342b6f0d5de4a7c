import { PlatformHttpPool, readRetryAfterMs } from '@app/platforms';
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
  // Retry-After of the answer, when it had one.
  retryAfterMs?: number;
}

const TRACK_PATH = '/open_api/v1.3/event/track/';

// Meant to be a singleton (a Nest provider): its PlatformHttpPool keeps the TLS connections warm.
export class TikTokClient {
  private readonly http: PlatformHttpPool;

  constructor(options: TikTokClientOptions) {
    this.http = new PlatformHttpPool({ ...options, platformName: 'TikTok' });
  }

  // `signal` lets the caller give up early (its transaction is gone).
  async send(accessToken: string, body: TikTokTrackRequest, signal?: AbortSignal): Promise<TikTokSendResult> {
    if (!PlatformHttpPool.isHeaderValue(accessToken)) {
      // Deliberately without the value: the token must never reach a log or an error report.
      throw new TypeError('The TikTok access token contains characters that are not allowed in an HTTP header');
    }
    const exchange = await this.http.exchange({
      method: 'POST',
      path: TRACK_PATH,
      headers: { 'content-type': 'application/json', accept: 'application/json', 'access-token': accessToken },
      body: JSON.stringify(body),
      signal,
    });
    const input: TikTokResponseInput =
      'httpStatus' in exchange
        ? { httpStatus: exchange.httpStatus, body: exchange.body }
        : exchange.networkError === 'timeout'
          ? { networkError: 'timeout', timeoutMs: exchange.timeoutMs }
          : { networkError: 'connection', networkErrorDetail: exchange.detail };

    const classification = classifyTikTokResponse(input);
    const retryAfterMs = 'httpStatus' in exchange ? readRetryAfterMs(exchange.headers) : undefined;
    return {
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(input.httpStatus === undefined ? {} : { httpStatus: input.httpStatus }),
      ...(classification.platformCode === undefined ? {} : { code: classification.platformCode }),
      message: describe(input, classification),
      ...(classification.requestId === undefined ? {} : { requestId: classification.requestId }),
      latencyMs: exchange.latencyMs,
      classification,
    };
  }

  async close(): Promise<void> {
    await this.http.close();
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
