import fc from 'fast-check';
import { bearer, createTestApp, IngestWorkspace, ingestWorkspace, TestApp } from '@app/testing';

// Strings an attacker sends: ordinary text with a NUL, a lone surrogate or a control character
// somewhere, or just text.
const hostileString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\u0007', '\uFFFF'), fc.string({ maxLength: 8 }))
    .map(([before, bad, after]) => before + bad + after),
);

// Random JSON values whose strings and keys are hostile, a few levels deep.
const { value: hostileValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 5 }),
  ),
}));

// Event-shaped objects, so the hostile values land in the fields the pipeline reads.
const hostileEvent = fc.record(
  {
    event: fc.oneof(hostileString, fc.constant('purchase'), hostileValue),
    event_id: fc.oneof(hostileString, fc.integer(), hostileValue),
    event_time: fc.oneof(fc.integer(), hostileString, hostileValue),
    anonymous_id: hostileString,
    user: fc.oneof(hostileValue, fc.record({ email: hostileValue, phone: hostileValue, ip: hostileString, external_id: hostileValue }, { requiredKeys: [] })),
    page: fc.oneof(hostileValue, fc.record({ url: hostileString, referrer: hostileString }, { requiredKeys: [] })),
    properties: fc.oneof(hostileValue, fc.dictionary(hostileString, hostileValue, { maxKeys: 8 })),
    cookies: hostileValue,
  },
  { requiredKeys: [] },
);

// Bodies as text: deep and wide ones are built as text because JSON.stringify cannot go 5,000 deep.
const deepText = fc
  .tuple(fc.integer({ min: 20, max: 5000 }), fc.constantFrom('{"a":', '['))
  .map(([levels, open]) => `{"event":"x","properties":{"p":${open.repeat(levels)}1${(open === '[' ? ']' : '}').repeat(levels)}}}`);
// A batch item that is no event object at all, as deep as a body of 40 KB allows.
const deepItemText = fc
  .tuple(fc.integer({ min: 20, max: 20_000 }), fc.constantFrom('[', '{"a":'))
  .map(([levels, open]) => `{"batch":[{"event":"x"},${open.repeat(levels)}1${(open === '[' ? ']' : '}').repeat(levels)}]}`);
const wideText = fc
  .integer({ min: 100, max: 3000 })
  .map((keys) => JSON.stringify({ event: 'x', properties: Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i])) }));
const hostileBody = fc.oneof(
  hostileEvent.map((event) => JSON.stringify(event)),
  fc.array(hostileEvent, { minLength: 1, maxLength: 20 }).map((batch) => JSON.stringify({ batch })),
  hostileValue.map((value) => JSON.stringify(value) ?? 'null'),
  deepText,
  deepItemText,
  wideText,
);

type Target = 'ingest' | 'login' | 'signup' | 'workspace' | 'connector' | 'ingestKey' | 'member' | 'events';
const target = fc.constantFrom<Target>('ingest', 'ingest', 'ingest', 'login', 'signup', 'workspace', 'connector', 'ingestKey', 'member', 'events');

describe('fuzz: hostile bodies never hurt anyone else', () => {
  let t: TestApp;
  let ws: IngestWorkspace;
  const validIds: string[] = [];
  let sequence = 0;

  beforeAll(async () => {
    // Nothing may reach TikTok: an unroutable address in case a random connector body is valid.
    t = await createTestApp({ TIKTOK_API_BASE_URL: 'http://127.0.0.1:9', TIKTOK_TIMEOUT_MS: '200' });
    ws = await ingestWorkspace(t.http, 'fuzz');
  });
  afterAll(() => t.close());

  const hostile = (where: Target, body: string) => {
    const json = (request: ReturnType<TestApp['http']['post']>) => request.set('content-type', 'application/json').send(body);
    const path = `/v1/workspaces/${ws.workspaceId}`;
    switch (where) {
      case 'ingest':
        return json(t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey));
      case 'login':
        return json(t.http.post('/v1/auth/login'));
      case 'signup':
        return json(t.http.post('/v1/auth/signup'));
      case 'workspace':
        return json(t.http.patch(path).set(bearer(ws.token)));
      case 'connector':
        return json(t.http.post(`${path}/connectors`).set(bearer(ws.token)));
      case 'ingestKey':
        return json(t.http.post(`${path}/ingest-keys`).set(bearer(ws.token)));
      case 'member':
        return json(t.http.post(`${path}/members`).set(bearer(ws.token)));
      case 'events':
        return t.http.get(`${path}/events?eventId=${encodeURIComponent(body.slice(0, 200).toWellFormed())}`).set(bearer(ws.token));
    }
  };

  it('answers every hostile request below 500 while valid events of the same workspace are all accepted', async () => {
    await fc.assert(
      fc.asyncProperty(target, hostileBody, fc.integer({ min: 1, max: 3 }), async (where, body, goodCount) => {
        const good = Array.from({ length: goodCount }, () => {
          const eventId = `fuzz-valid-${(sequence += 1)}`;
          validIds.push(eventId);
          return t.http
            .post('/v1/ingest')
            .set('X-TrackLayer-Key', ws.ingestKey)
            .send({ event: 'purchase', event_id: eventId, properties: { value: 1, currency: 'USD' } });
        });
        const [bad, ...valid] = await Promise.all([hostile(where, body), ...good]);
        expect({ where, status: bad.status < 500 ? 'below 500' : bad.status, body: bad.status < 500 ? '' : body.slice(0, 300) }).toEqual({
          where,
          status: 'below 500',
          body: '',
        });
        for (const answer of valid) {
          expect(answer.status).toBe(202);
          expect(answer.body.results[0].status).toBe('accepted');
        }
      }),
      { numRuns: 250, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647), verbose: 1 },
    );

    const stored = await t.db.query('SELECT event_id FROM events WHERE workspace_id = $1 AND event_id = ANY($2)', [ws.workspaceId, validIds]);
    expect(stored).toHaveLength(validIds.length);
    await t.http.get('/health/ready').expect(200);
  });
});
