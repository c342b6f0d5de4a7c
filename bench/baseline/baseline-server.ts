import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { BASELINE_WORKSPACE_ID } from './baseline-schema';

// The practical limit of Node + Postgres on this machine: no framework, no validation beyond
// "is it JSON", one multi-row INSERT per request. TrackLayer is measured as a ratio of this.
const port = Number(process.env.PORT ?? 0);
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BASELINE_POOL_SIZE ?? 20) });
const BODY_LIMIT_BYTES = 1_048_576;

// The same statement shape TrackLayer uses (unnest of arrays): one round trip whatever the size.
const INSERT = `
  INSERT INTO baseline_events (id, workspace_id, event_id, event_name, event_time, payload)
  SELECT e.id, $1, e.event_id, e.event_name, to_timestamp(e.event_time), e.payload
    FROM unnest($2::uuid[], $3::text[], $4::text[], $5::float8[], $6::jsonb[]) AS e(id, event_id, event_name, event_time, payload)`;

interface RawEvent {
  event?: unknown;
  event_id?: unknown;
  event_time?: unknown;
}

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/health') return send(response, 200, '{"status":"ok"}');
  if (request.method !== 'POST' || request.url !== '/v1/ingest') return send(response, 404, '{"error":"not found"}');
  readBody(request)
    .then((text) => store(JSON.parse(text) as unknown))
    .then((accepted) => send(response, 202, `{"accepted":${accepted}}`))
    .catch((error: unknown) => send(response, 400, JSON.stringify({ error: String(error) })));
});

async function store(body: unknown): Promise<number> {
  const events = (isBatch(body) ? body.batch : [body]) as RawEvent[];
  const now = Date.now() / 1000;
  const ids: string[] = [];
  const eventIds: string[] = [];
  const names: string[] = [];
  const times: number[] = [];
  const payloads: string[] = [];
  for (const event of events) {
    ids.push(randomUUID());
    eventIds.push(typeof event.event_id === 'string' ? event.event_id : randomUUID());
    names.push(typeof event.event === 'string' ? event.event : 'unknown');
    times.push(typeof event.event_time === 'number' ? event.event_time : now);
    payloads.push(JSON.stringify(event));
  }
  await pool.query(INSERT, [BASELINE_WORKSPACE_ID, ids, eventIds, names, times, payloads]);
  return events.length;
}

function isBatch(body: unknown): body is { batch: unknown[] } {
  return typeof body === 'object' && body !== null && Array.isArray((body as { batch?: unknown }).batch);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

server.listen(port, '127.0.0.1');
const shutdown = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
