import { Injectable } from '@nestjs/common';
import { FaultMode } from './fault-mode.type';
import type { SandboxOutcome } from './sandbox-outcome.reply';
import { SandboxSettings } from './sandbox-settings.config';
import { RequestIdGenerator } from './request-id.generator';
import { SandboxStateService } from './sandbox-state.service';
import { TikTokCode } from './tiktok-code.enum';
import { readTrackEnvelope, TrackEnvelope, validateTrackRequest } from './track-request.validator';

export interface TikTokResponseBody {
  code: number;
  message: string;
  request_id: string;
  data: Record<string, never>;
}

export type TrackOutcome = SandboxOutcome<TikTokResponseBody>;

export const INTERNAL_ERROR_HTML = '<html><body><h1>500 Internal Server Error</h1></body></html>';
export const GATEWAY_TIMEOUT_HTML = '<html><body><h1>504 Gateway Time-out</h1></body></html>';

interface Failure {
  code: TikTokCode;
  message: string;
}

@Injectable()
export class TrackService {
  private readonly slowMs: number;

  constructor(
    private readonly state: SandboxStateService,
    private readonly requestIds: RequestIdGenerator,
    settings: SandboxSettings,
  ) {
    this.slowMs = settings.slowMs;
  }

  handle(accessToken: string | undefined, body: unknown): TrackOutcome {
    const requestId = this.requestIds.next();
    const receivedAt = new Date().toISOString();
    const envelope = readTrackEnvelope(body);

    const fault = this.state.takeFault(envelope.pixelCode);
    if (fault === 'slow') return { ...this.answer(accessToken, body, requestId, receivedAt, envelope, fault), delayMs: this.slowMs };
    if (fault !== undefined) return this.applyFault(fault, requestId, receivedAt, envelope);
    return this.answer(accessToken, body, requestId, receivedAt, envelope);
  }

  private answer(
    accessToken: string | undefined,
    body: unknown,
    requestId: string,
    receivedAt: string,
    envelope: TrackEnvelope,
    // Only 'slow' answers normally: the request log names it, so a test can see it in flight.
    fault: FaultMode | null = null,
  ): Extract<TrackOutcome, { kind: 'json' }> {
    const failure = this.authorize(accessToken, envelope.pixelCode) ?? toFailure(validateTrackRequest(body));
    if (failure !== undefined) {
      this.record(requestId, receivedAt, envelope, 200, failure.code, fault);
      return json(200, failure.code, failure.message, requestId);
    }

    // Validation guarantees these shapes; the envelope already read them.
    this.state.storeBatch({
      pixelCode: envelope.pixelCode as string,
      testEventCode: envelope.testEventCode,
      requestId,
      receivedAt,
      events: (body as { data: unknown[] }).data,
    });
    this.record(requestId, receivedAt, envelope, 200, TikTokCode.Ok, fault);
    return json(200, TikTokCode.Ok, 'OK', requestId);
  }

  // Body parse failures never reach handle(); they are logged here so the request log stays complete.
  recordUnparsable(httpStatus: number, code: number | null, message: string): TikTokResponseBody {
    const requestId = this.requestIds.next();
    const envelope: TrackEnvelope = { pixelCode: null, testEventCode: null, eventCount: 0 };
    this.record(requestId, new Date().toISOString(), envelope, httpStatus, code, null);
    return { code: code ?? TikTokCode.InternalError, message, request_id: requestId, data: {} };
  }

  // TikTok checks the token before the payload: a bad token wins over a bad body.
  private authorize(accessToken: string | undefined, pixelCode: string | null): Failure | undefined {
    if (accessToken === undefined || accessToken.trim() === '') {
      return { code: TikTokCode.AccessTokenEmpty, message: 'Access token is empty. Set the Access-Token header.' };
    }
    const pixels = this.state.pixelsOfToken(accessToken);
    if (pixels === undefined) {
      return { code: TikTokCode.AccessTokenInvalid, message: 'Access token is invalid or has been revoked.' };
    }
    if (pixelCode !== null && !pixels.has(pixelCode)) {
      return {
        code: TikTokCode.NoPermission,
        message: `No permission to operate pixel code: ${pixelCode}. The access token belongs to another pixel.`,
      };
    }
    return undefined;
  }

  private applyFault(fault: FaultMode, requestId: string, receivedAt: string, envelope: TrackEnvelope): TrackOutcome {
    switch (fault) {
      case 'rate_limit':
        this.record(requestId, receivedAt, envelope, 200, TikTokCode.TooManyRequests, fault);
        return json(200, TikTokCode.TooManyRequests, 'Too many requests. Please retry in some time.', requestId);
      case 'server_error':
        this.record(requestId, receivedAt, envelope, 200, TikTokCode.InternalError, fault);
        return json(200, TikTokCode.InternalError, 'Internal service error. Please retry later.', requestId);
      case 'http_500':
        this.record(requestId, receivedAt, envelope, 500, null, fault);
        return { kind: 'html', httpStatus: 500, html: INTERNAL_ERROR_HTML };
      case 'invalid_parameter':
        this.record(requestId, receivedAt, envelope, 200, TikTokCode.InvalidParameter, fault);
        return json(200, TikTokCode.InvalidParameter, 'Invalid parameter: data[0].properties.currency is not supported (sandbox fault).', requestId);
      case 'slow':
        throw new Error('slow is answered in handle(), not as a failure');
      case 'timeout':
        // Logged now, not when the hold ends, so tests see the request while the client waits.
        this.record(requestId, receivedAt, envelope, 504, null, fault);
        return { kind: 'hold' };
    }
  }

  private record(
    requestId: string,
    receivedAt: string,
    envelope: TrackEnvelope,
    httpStatus: number,
    code: number | null,
    fault: FaultMode | null,
  ): void {
    this.state.recordRequest({
      requestId,
      pixelCode: envelope.pixelCode,
      testEventCode: envelope.testEventCode,
      httpStatus,
      code,
      eventCount: envelope.eventCount,
      fault,
      receivedAt,
    });
  }
}

function toFailure(result: ReturnType<typeof validateTrackRequest>): Failure | undefined {
  return result.ok ? undefined : result;
}

function json(httpStatus: number, code: number, message: string, requestId: string): Extract<TrackOutcome, { kind: 'json' }> {
  return { kind: 'json', httpStatus, body: { code, message, request_id: requestId, data: {} } };
}
