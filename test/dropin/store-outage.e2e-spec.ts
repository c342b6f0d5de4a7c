import { createTestApp, IngestWorkspace, ingestWorkspace, TestApp, waitFor, withAdminClient } from '@app/testing';

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

// A real outage of this test's own database (no connections allowed, existing ones terminated):
// the drop-in API answers 503 with Retry-After, which the Segment and RudderStack clients retry,
// and takes events again once Postgres is back.
describe('drop-in ingest during a store outage', () => {
  let t: TestApp;
  let ws: IngestWorkspace;
  let database: string;

  beforeAll(async () => {
    t = await createTestApp();
    ws = await ingestWorkspace(t.http, 'outage');
    database = new URL(t.databaseUrl).pathname.slice(1);
  });
  afterAll(async () => {
    await setConnections(true);
    await t?.close();
  });

  async function setConnections(allowed: boolean): Promise<void> {
    await withAdminClient(async (client) => {
      await client.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS ${allowed}`);
      if (!allowed) await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
    });
  }

  const send = (id: string) =>
    t.http.post('/v1/batch').set('Authorization', basic(ws.ingestKey)).send({ batch: [{ type: 'track', userId: 'u', event: 'Signed Up', messageId: id }] });

  it('answers 503 with Retry-After while Postgres is unavailable, and 200 once it is back', async () => {
    await send('outage-before').expect(200);
    await setConnections(false);
    const during = await send('outage-during');
    expect(during.status).toBe(503);
    expect(during.headers['retry-after']).toBe('5');
    expect(during.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    // A GA4 sender gets the same, not a silent 204 that would lose the event.
    const ga4 = await t.http.post(`/mp/collect?api_secret=${ws.ingestKey}`).send({ client_id: 'c', events: [{ name: 'purchase' }] });
    expect(ga4.status).toBe(503);

    await setConnections(true);
    await waitFor(
      async () => (await send('outage-after')).status,
      (status) => status === 200,
    );
  });
});
