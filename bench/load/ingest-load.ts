import autocannon from 'autocannon';
import { requestBody } from './realistic-event';
import { segmentBatchBody } from './segment-batch-body';

export interface LoadSpec {
  baseUrl: string;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
  eventsPerRequest: number;
  // Prefix of every event_id of this load, unique within the bench run.
  tag: string;
  // native: POST /v1/ingest (202); segment: POST /v1/batch as analytics-node sends it (200), with
  // this write key in the body too.
  format?: { kind: 'native' } | { kind: 'segment'; writeKey: string };
  // A fixed load instead of as fast as possible for durationSeconds: this many requests at this
  // rate (requests per second, all connections together). --api-cpu compares builds with it.
  fixed?: { requests: number; requestsPerSecond: number };
}

export interface LoadOutcome {
  tag: string;
  connections: number;
  eventsPerRequest: number;
  durationSeconds: number;
  requestsSent: number;
  // Request numbers answered 202 (200 for Segment): their events must all be stored, exactly once.
  accepted: Set<number>;
  non2xx: number;
  errors: number;
  timeouts: number;
  requestsPerSecond: number;
  eventsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

interface RequestContext {
  request?: number;
}

// One autocannon load against POST /v1/ingest. Every request carries fresh event ids (so dedup
// accepts all of them) and its number is remembered until its answer comes back: with pipelining 1,
// a connection's context belongs to the one request in flight on it.
export async function runIngestLoad(spec: LoadSpec): Promise<LoadOutcome> {
  const eventTime = Math.floor(Date.now() / 1000);
  const format = spec.format ?? { kind: 'native' };
  const [path, acceptedStatus] = format.kind === 'segment' ? ['/v1/batch', 200] : ['/v1/ingest', 202];
  const body =
    format.kind === 'segment'
      ? (number: number) => segmentBatchBody(spec.tag, number, spec.eventsPerRequest, format.writeKey, eventTime)
      : (number: number) => requestBody(spec.tag, number, spec.eventsPerRequest, eventTime);
  const accepted = new Set<number>();
  let next = 0;
  const result = await autocannon({
    url: spec.baseUrl,
    connections: spec.connections,
    pipelining: 1,
    duration: spec.durationSeconds,
    ...(spec.fixed ? { amount: spec.fixed.requests, overallRate: spec.fixed.requestsPerSecond } : {}),
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', ...spec.headers },
        setupRequest: (request, context) => {
          const number = next++;
          (context as RequestContext).request = number;
          return { ...request, body: body(number) };
        },
        onResponse: (status, _body, context) => {
          const number = (context as RequestContext).request;
          if (status === acceptedStatus && number !== undefined) accepted.add(number);
        },
      },
    ],
  });
  const seconds = result.duration;
  return {
    tag: spec.tag,
    connections: spec.connections,
    eventsPerRequest: spec.eventsPerRequest,
    durationSeconds: seconds,
    requestsSent: next,
    accepted,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    requestsPerSecond: accepted.size / seconds,
    eventsPerSecond: (accepted.size * spec.eventsPerRequest) / seconds,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  };
}
