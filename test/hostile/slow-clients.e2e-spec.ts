import { AddressInfo, connect, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { bearer, createTestApp, ingestWorkspace, TestApp } from '@app/testing';

// What a client that trickles its request gets: the time until the server closes the socket,
// and what it wrote before. The test itself gives up after `giveUpMs`, so it is bounded either way.
async function trickle(port: number, head: string, drip: string, giveUpMs: number): Promise<{ closedAfterMs: number; answer: string }> {
  const started = Date.now();
  const socket: Socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk.toString()));
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(head);
  const dripping = setInterval(() => socket.writable && socket.write(drip), 200);
  let giveUp: NodeJS.Timeout | undefined;
  try {
    const closed = await Promise.race([
      new Promise<boolean>((resolve) => socket.once('close', () => resolve(true))),
      new Promise<boolean>((resolve) => (giveUp = setTimeout(() => resolve(false), giveUpMs))),
    ]);
    if (!closed) throw new Error(`the server kept the connection open for ${giveUpMs} ms`);
    return { closedAfterMs: Date.now() - started, answer };
  } finally {
    clearInterval(dripping);
    clearTimeout(giveUp);
    socket.destroy();
  }
}

describe('slow and greedy clients are cut', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({ HTTP_REQUEST_TIMEOUT_MS: '1000', HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000' });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('cuts a body sent one byte at a time within the request timeout (+1 s of checking)', async () => {
    const head = 'POST /v1/auth/login HTTP/1.1\r\nHost: tracklayer.test\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{';
    const { closedAfterMs, answer } = await trickle(port, head, ' ', 10_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(900);
    expect(closedAfterMs).toBeLessThan(4_000);
  });

  it('cuts headers sent one byte at a time within the header timeout', async () => {
    const { closedAfterMs } = await trickle(port, 'GET /health HTTP/1.1\r\nHost: tracklayer.test\r\n', 'X', 10_000);
    expect(closedAfterMs).toBeLessThan(4_000);
  });

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const started = Date.now();
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    try {
      await new Promise((resolve) => socket.once('connect', resolve));
      const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
      socket.write('GET /health HTTP/1.1\r\nHost: tracklayer.test\r\nConnection: keep-alive\r\n\r\n');
      const closedAfterMs = await Promise.race([closed, new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), 10_000))]);
      expect(answer).toMatch(/^HTTP\/1\.1 200/);
      expect(answer.toLowerCase()).toContain('keep-alive: timeout=1');
      expect(closedAfterMs).toBeGreaterThanOrEqual(900);
      expect(closedAfterMs).toBeLessThan(4_000);
    } finally {
      socket.destroy();
    }
  });

  it('still serves a client that sends at normal speed', async () => {
    await t.http.get('/health').expect(200);
  });
});

describe('responses are bounded: the events debugger', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('returns at most ~1 MiB of events however many are asked for, says so, and keeps the newest', async () => {
    const ws = await ingestWorkspace(t.http, 'debugger-cap');
    // Events stored before the per-event limit existed could be 0.9 MB each; 24 of them made a
    // 21.6 MB answer, and limit=500 of them would have exhausted the api's heap.
    const big = { eventName: 'purchase', user: {}, clickIds: {}, properties: { custom: { blob: 'x'.repeat(900_000) } } };
    const db = t.db;
    for (let i = 0; i < 24; i++) {
      await db.query(
        `INSERT INTO events (id, workspace_id, event_id, event_name, event_time, received_at, payload)
         VALUES ($1, $2, $3, 'purchase', now(), now() - make_interval(secs => $4), $5)`,
        [randomUUID(), ws.workspaceId, `big-${i}`, i, JSON.stringify({ ...big, eventId: `big-${i}` })],
      );
    }
    const response = await t.http.get(`/v1/workspaces/${ws.workspaceId}/events?limit=500`).set(bearer(ws.token)).expect(200);
    expect(response.headers['x-tracklayer-truncated']).toBe('true');
    expect(response.text.length).toBeLessThan(1_048_576 + 1000);
    expect(response.body.map((e: { eventId: string }) => e.eventId)).toEqual(['big-0']);

    const small = await ingestWorkspace(t.http, 'debugger-small');
    await t.http.post('/v1/ingest').set('X-TrackLayer-Key', small.ingestKey).send({ batch: [{ event: 'a' }, { event: 'b' }] }).expect(202);
    const all = await t.http.get(`/v1/workspaces/${small.workspaceId}/events`).set(bearer(small.token)).expect(200);
    expect(all.body).toHaveLength(2);
    expect(all.headers['x-tracklayer-truncated']).toBeUndefined();
  });

  // The raw event is in the answer too, and may be far larger than what was normalized: fields
  // TrackLayer does not read are kept in it and dropped from the event (here ~170 KB against ~150 B).
  it('counts the raw events in the budget, for stored events and for duplicates', async () => {
    const ws = await ingestWorkspace(t.http, 'debugger-raw');
    const unread = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`extra_${i}`, '€'.repeat(8000)]));
    const ingestAll = async () => {
      for (let b = 0; b < 4; b++) {
        const batch = Array.from({ length: 3 }, (_, i) => ({ event: 'purchase', event_id: `raw-${b * 3 + i}`, ...unread }));
        await t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ batch }).expect(202);
      }
    };
    await ingestAll();
    await ingestAll();
    for (const query of ['limit=500', 'status=duplicate&limit=500']) {
      const response = await t.http.get(`/v1/workspaces/${ws.workspaceId}/events?${query}`).set(bearer(ws.token)).expect(200);
      expect({ query, truncated: response.headers['x-tracklayer-truncated'] }).toEqual({ query, truncated: 'true' });
      expect(Buffer.byteLength(response.text)).toBeLessThan(1_048_576 + 10_000);
      expect(response.body.length).toBeGreaterThanOrEqual(1);
      expect(response.body.length).toBeLessThan(12);
      expect(response.body[0].raw.extra_0).toBe('€'.repeat(8000));
    }
  });
});
