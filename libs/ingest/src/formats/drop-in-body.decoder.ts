import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Transform, type TransformCallback } from 'node:stream';
import { createUnzip } from 'node:zlib';

// Segment's HTTP API limits, applied to the decompressed bytes: 500 KB per request, 32 KB per call.
export const DROP_IN_REQUEST_LIMIT_BYTES = 500 * 1024;
export const DROP_IN_EVENT_LIMIT_BYTES = 32 * 1024;

// Route config flag (set with @RouteConfig) of the routes whose bodies come from Segment-style
// clients: gzip or deflate encoded, and typed anything from application/json to text/plain or none.
export const DROP_IN_BODY = 'dropInBody';
// With DROP_IN_BODY, the routes (GA4's) that answer 2xx even for a body that is not JSON, as Google
// does: such a body reaches the handler as UNREADABLE_BODY instead of failing the request.
export const LENIENT_JSON = 'lenientJson';
const UNREADABLE_BODY = Symbol('unreadableBody');
const LENIENT_JSON_TYPE = 'application/vnd.tracklayer.lenient+json';

const BODY_BYTES = Symbol('dropInBodyBytes');
const JSON_TYPES = /^\s*(application\/(?:[\w.+-]*\+)?json|text\/plain)\b/i;

interface ClientError extends Error {
  statusCode: number;
  code: string;
}

interface SizedRequest {
  [BODY_BYTES]?: number;
}

// The decompressed size of a drop-in request's body, once Fastify has read it.
export function dropInBodyBytes(request: unknown): number | undefined {
  return (request as SizedRequest)[BODY_BYTES];
}

function clientError(statusCode: number, code: string, message: string): ClientError {
  return Object.assign(new Error(message), { statusCode, code });
}

function tooLarge(): ClientError {
  // 400, not 413: Segment's clients treat 400 as "do not retry", which is what a body that can
  // never fit needs; they would retry a 413 for hours.
  return clientError(400, 'body_too_large', `The body is larger than ${DROP_IN_REQUEST_LIMIT_BYTES / 1024} KB once decompressed; send smaller batches`);
}

// Counts the bytes that pass and fails the stream once they exceed the limit, so a small gzip body
// cannot inflate into an unbounded one in memory.
class CappedStream extends Transform {
  // Read by Fastify: the compressed length it compares with Content-Length.
  receivedEncodedLength = 0;
  private decoded = 0;

  constructor(
    private readonly request: SizedRequest,
    private readonly limit: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.decoded += chunk.length;
    this.request[BODY_BYTES] = this.decoded;
    if (this.decoded > this.limit) {
      callback(tooLarge());
      return;
    }
    callback(null, chunk);
  }
}

function decodeBody(request: FastifyRequest, payload: NodeJS.ReadableStream, lenient: boolean): NodeJS.ReadableStream {
  const sized = request as unknown as SizedRequest;
  const contentType = request.headers['content-type'];
  // RudderStack's Node SDK posts gzip bytes with no JSON type; the body is JSON all the same.
  if (lenient) request.headers['content-type'] = LENIENT_JSON_TYPE;
  else if (typeof contentType !== 'string' || !JSON_TYPES.test(contentType)) request.headers['content-type'] = 'application/json';

  const encoding = String(request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const declared = Number(request.headers['content-length']);
  if (encoding === 'identity' || encoding === '') {
    if (declared > DROP_IN_REQUEST_LIMIT_BYTES) throw tooLarge();
    // Fastify holds Content-Length to the bytes received; only a chunked body needs counting here.
    if (Number.isFinite(declared)) {
      sized[BODY_BYTES] = declared;
      return payload;
    }
    const counted = new CappedStream(sized, DROP_IN_REQUEST_LIMIT_BYTES);
    payload.on('data', (chunk: Buffer) => (counted.receivedEncodedLength += chunk.length));
    return payload.pipe(counted);
  }
  // Fastify would answer a compressed body over its own limit 413, which the clients retry.
  if (declared > request.routeOptions.bodyLimit) throw tooLarge();
  if (encoding !== 'gzip' && encoding !== 'x-gzip' && encoding !== 'deflate') {
    throw clientError(415, 'unsupported_content_encoding', `Content-Encoding ${encoding} is not supported; use gzip, deflate or none`);
  }
  // createUnzip reads both gzip and zlib-wrapped deflate from their headers.
  const unzip = createUnzip();
  const capped = new CappedStream(sized, DROP_IN_REQUEST_LIMIT_BYTES);
  payload.on('data', (chunk: Buffer) => (capped.receivedEncodedLength += chunk.length));
  unzip.on('error', () => capped.destroy(clientError(400, 'invalid_encoding', `The body is not valid ${encoding} data`)));
  payload.pipe(unzip).pipe(capped);
  return capped;
}

// Registered once on the api's Fastify instance, before routes: decodes the bodies of the routes
// marked with DROP_IN_BODY and leaves every other route alone.
export function registerDropInBodyDecoding(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(LENIENT_JSON_TYPE, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(null, UNREADABLE_BODY);
    }
  });
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
    if (config?.[DROP_IN_BODY] !== true) {
      done(null, payload);
      return;
    }
    try {
      done(null, decodeBody(request, payload, config[LENIENT_JSON] === true) as typeof payload);
    } catch (error) {
      done(error as Error);
    }
  });
}
