import { bearer, createTestApp, IngestWorkspace, ingestWorkspace, TestApp, TestSandbox, TestDatabase } from '@app/testing';

// Ingest state has no foreign key to workspaces (it cost every ingested row a trigger and a lock
// on the workspace row); deleting a workspace must still take all of it, and only its own.
describe('deleting a workspace', () => {
  let sandbox: TestSandbox;
  let t: TestApp;
  let db: TestDatabase;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    t = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url });
    db = t.db;
  });
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });

  const rows = async (workspaceId: string) => {
    const count = async (table: string) =>
      (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE workspace_id = $1`, [workspaceId]))[0].n as number;
    return {
      events: await count('events'),
      deliveries: await count('deliveries'),
      clickIds: await count('click_ids'),
      dedup: await count('event_dedup'),
    };
  };
  const ingestSome = (ws: IngestWorkspace) =>
    t.http
      .post('/v1/ingest')
      .set('X-TrackLayer-Key', ws.ingestKey)
      .send({
        batch: [1, 2, 3].map((i) => ({
          event: 'purchase',
          event_id: `del-${i}`,
          anonymous_id: `v-${i}`,
          user: { email: `buyer${i}@example.com` },
          page: { url: `https://shop.example/?ttclid=E.C.P.${i}` },
        })),
      })
      .expect(202);

  it('deletes its events, deliveries, click ids and dedup claims, and leaves the other workspace alone', async () => {
    const doomed = await ingestWorkspace(t.http, 'deleted', sandbox);
    const kept = await ingestWorkspace(t.http, 'kept', sandbox);
    await ingestSome(doomed);
    await ingestSome(kept);
    expect(await rows(doomed.workspaceId)).toEqual({ events: 3, deliveries: 3, clickIds: 6, dedup: 3 });

    await t.http.delete(`/v1/workspaces/${doomed.workspaceId}`).set(bearer(doomed.token)).expect(204);

    expect(await rows(doomed.workspaceId)).toEqual({ events: 0, deliveries: 0, clickIds: 0, dedup: 0 });
    expect(await rows(kept.workspaceId)).toEqual({ events: 3, deliveries: 3, clickIds: 6, dedup: 3 });
  });
});
