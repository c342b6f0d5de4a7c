import { Injectable } from '@nestjs/common';
import type { SandboxOutcome } from '../sandbox-outcome.reply';
import { SandboxSettings } from '../sandbox-settings.config';
import { FbtraceIdGenerator } from './fbtrace-id.generator';
import { GraphErrorBody, graphErrorBody, GraphErrorFields, invalidParameter } from './graph-error';
import type { MetaFaultMode } from './meta-fault-mode.type';
import { validateMetaEventsRequest } from './meta-events-request.validator';
import { MetaRequestRecord, MetaSandboxStateService, TokenPlacement } from './meta-sandbox-state.service';

export interface MetaEventsAnswer {
  events_received: number;
  messages: string[];
  fbtrace_id: string;
}

export type GraphOutcome = SandboxOutcome<MetaEventsAnswer | GraphErrorBody | Record<string, string>>;
type JsonOutcome = Extract<GraphOutcome, { kind: 'json' }>;

type Recorder = (status: number, error: GraphErrorFields | null) => void;

export interface GraphRequest {
  method: 'GET' | 'POST';
  version: string;
  pixelId: string;
  accessToken: string | undefined;
  tokenIn: TokenPlacement | null;
  body?: unknown;
  fields?: string;
}

export const META_ERROR_HTML = '<html><head><title>Error</title></head><body><h1>Sorry, something went wrong.</h1></body></html>';
export const META_TIMEOUT_HTML = '<html><body><h1>504 Gateway Time-out</h1></body></html>';

const GRAPH_VERSION = /^v\d{1,3}\.\d{1,2}$/;
const PIXEL_FIELDS: ReadonlySet<string> = new Set(['id', 'name']);

const FAULT_ERRORS: Record<Exclude<MetaFaultMode, 'http_500' | 'timeout' | 'slow'>, GraphErrorFields> = {
  transient: {
    httpStatus: 500,
    message: 'An unexpected error has occurred. Please retry your request later.',
    type: 'OAuthException',
    code: 2,
    isTransient: true,
  },
  rate_limit: { httpStatus: 400, message: 'User request limit reached', type: 'OAuthException', code: 17, subcode: 2446079, isTransient: true },
  rate_limit_613: {
    httpStatus: 400,
    message: 'Calls to this api have exceeded the rate limit.',
    type: 'OAuthException',
    code: 613,
    subcode: 1487742,
    isTransient: true,
  },
  token_invalid: { httpStatus: 400, message: 'Error validating access token: The session has been invalidated.', type: 'OAuthException', code: 190, subcode: 460 },
  invalid_parameter: invalidParameter("The parameter $['data'][0]['custom_data']['currency'] is not a supported currency (sandbox fault)."),
};

// The Graph API's side of the sandbox: the events edge and the pixel node, answered in Meta's shapes.
@Injectable()
export class MetaGraphService {
  private readonly slowMs: number;

  constructor(
    private readonly state: MetaSandboxStateService,
    private readonly traceIds: FbtraceIdGenerator,
    settings: SandboxSettings,
  ) {
    this.slowMs = settings.slowMs;
  }

  handle(request: GraphRequest): GraphOutcome {
    const fbtraceId = this.traceIds.next();
    const record = this.recorder(request, fbtraceId);
    const fault = this.state.takeFault(request.pixelId);
    if (fault === 'timeout') {
      // Logged now, not when the hold ends, so tests see the request while the client waits.
      record(504, null, fault);
      return { kind: 'hold' };
    }
    if (fault === 'http_500') {
      record(500, null, fault);
      return { kind: 'html', httpStatus: 500, html: META_ERROR_HTML };
    }
    if (fault !== undefined && fault !== 'slow') return this.error(FAULT_ERRORS[fault], fbtraceId, (status, error) => record(status, error, fault));

    const answer = this.answer(request, fbtraceId, (status, error) => record(status, error, fault ?? null));
    return fault === 'slow' ? { ...answer, delayMs: this.slowMs } : answer;
  }

  // A body the server could not parse (bad JSON, unknown content type) never reaches handle().
  unreadable(url: string, detail: string): GraphErrorBody {
    const fbtraceId = this.traceIds.next();
    const [version = '', pixelId = ''] = url.split('?')[0].split('/').filter(Boolean);
    const error = invalidParameter(`The request body could not be read: ${detail}`);
    this.state.recordRequest({
      fbtraceId,
      method: 'POST',
      version,
      pixelId,
      testEventCode: null,
      tokenIn: null,
      httpStatus: error.httpStatus,
      code: error.code,
      subcode: null,
      eventCount: 0,
      fault: null,
      receivedAt: new Date().toISOString(),
    });
    return graphErrorBody(error, fbtraceId);
  }

  private answer(request: GraphRequest, fbtraceId: string, record: Recorder): JsonOutcome {
    const refusal = this.authorize(request);
    if (refusal !== undefined) return this.error(refusal, fbtraceId, record);
    if (request.method === 'GET') return this.readPixel(request, fbtraceId, record);

    const validation = validateMetaEventsRequest(request.body, Math.floor(Date.now() / 1000));
    if (!validation.ok) return this.error(validation.error, fbtraceId, record);
    this.state.storeBatch({
      pixelId: request.pixelId,
      testEventCode: testEventCodeOf(request.body),
      fbtraceId,
      receivedAt: new Date().toISOString(),
      events: validation.events,
    });
    record(200, null);
    return { kind: 'json', httpStatus: 200, body: { events_received: validation.events.length, messages: [], fbtrace_id: fbtraceId } };
  }

  private readPixel(request: GraphRequest, fbtraceId: string, record: Recorder): JsonOutcome {
    const fields = (request.fields ?? 'id,name').split(',').map((field) => field.trim()).filter(Boolean);
    const unknown = fields.find((field) => !PIXEL_FIELDS.has(field));
    if (unknown !== undefined) {
      return this.error(
        { httpStatus: 400, message: `(#100) Tried accessing nonexisting field (${unknown}) on node type (AdsPixel)`, type: 'OAuthException', code: 100 },
        fbtraceId,
        record,
      );
    }
    const node: Record<string, string> = {};
    for (const field of fields) node[field] = field === 'id' ? request.pixelId : `Sandbox pixel ${request.pixelId}`;
    record(200, null);
    return { kind: 'json', httpStatus: 200, body: node };
  }

  // Graph checks the path and the token before the payload: a bad token wins over a bad body.
  private authorize(request: GraphRequest): GraphErrorFields | undefined {
    if (!GRAPH_VERSION.test(request.version)) {
      return { httpStatus: 400, message: `Unknown path components: /${request.version}/${request.pixelId}`, type: 'OAuthException', code: 2500 };
    }
    if (request.accessToken === undefined || request.accessToken.trim() === '') {
      return { httpStatus: 400, message: 'An access token is required to request this resource.', type: 'OAuthException', code: 104 };
    }
    const pixels = this.state.pixelsOfToken(request.accessToken);
    if (pixels === undefined) {
      return { httpStatus: 400, message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 };
    }
    if (!pixels.has(request.pixelId)) {
      const verb = request.method === 'GET' ? 'get' : 'post';
      return {
        httpStatus: 400,
        message: `Unsupported ${verb} request. Object with ID '${request.pixelId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
        type: 'GraphMethodException',
        code: 100,
        subcode: 33,
      };
    }
    return undefined;
  }

  private error(error: GraphErrorFields, fbtraceId: string, record: Recorder): JsonOutcome {
    record(error.httpStatus, error);
    return { kind: 'json', httpStatus: error.httpStatus, body: graphErrorBody(error, fbtraceId) };
  }

  private recorder(request: GraphRequest, fbtraceId: string) {
    const receivedAt = new Date().toISOString();
    const base: Omit<MetaRequestRecord, 'httpStatus' | 'code' | 'subcode' | 'fault'> = {
      fbtraceId,
      method: request.method,
      version: request.version,
      pixelId: request.pixelId,
      testEventCode: testEventCodeOf(request.body),
      tokenIn: request.tokenIn,
      eventCount: eventCountOf(request.body),
      receivedAt,
    };
    return (httpStatus: number, error: GraphErrorFields | null, fault: MetaFaultMode | null = null): void =>
      this.state.recordRequest({ ...base, httpStatus, code: error?.code ?? null, subcode: error?.subcode ?? null, fault });
  }
}

function testEventCodeOf(body: unknown): string | null {
  const code = typeof body === 'object' && body !== null ? (body as { test_event_code?: unknown }).test_event_code : undefined;
  return typeof code === 'string' && code !== '' ? code : null;
}

function eventCountOf(body: unknown): number {
  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
  return Array.isArray(data) ? data.length : 0;
}
