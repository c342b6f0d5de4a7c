import { bearer, createTestApp, createTestWorker, FAST_DELIVERY, IngestWorkspace, ingestWorkspace, TestApp, TestSandbox, TestDatabase, TestWorker, waitFor } from '@app/testing';

// Ingest state has no foreign key to workspaces (it cost every ingested row a trigger and a lock
// on the workspace row); deleting a workspace must still take all of it, and only its own.
describe('deleting a workspace', () => {
  let sandbox: TestSandbox;
  let t: TestApp;
  let db: TestDatabase;
  // Writes the delivery rows (from the connectors' cursors) that the deletion must take too.
  let worker: TestWorker;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    t = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url, ...FAST_DELIVERY });
    db = t.db;
    worker = await createTestWorker(t, FAST_DELIVERY);
  });
  afterAll(async () => {
    await worker.close();
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
    expect(await waitFor(() => rows(doomed.workspaceId), (n) => n.deliveries === 3)).toEqual({ events: 3, deliveries: 3, clickIds: 6, dedup: 3 });
    await waitFor(() => rows(kept.workspaceId), (n) => n.deliveries === 3);

    await t.http.delete(`/v1/workspaces/${doomed.workspaceId}`).set(bearer(doomed.token)).expect(204);

    expect(await rows(doomed.workspaceId)).toEqual({ events: 0, deliveries: 0, clickIds: 0, dedup: 0 });
    expect(await rows(kept.workspaceId)).toEqual({ events: 3, deliveries: 3, clickIds: 6, dedup: 3 });
  });

  // Walks the catalog, so a table added later with a workspace_id column is covered without
  // being listed here: the deleted workspace has no row left anywhere.
  it('leaves no row of the deleted workspace in any table with a workspace_id column', async () => {
    const doomed = await ingestWorkspace(t.http, 'deleted-all', sandbox);
    await ingestSome(doomed);
    await t.http.post(`/v1/workspaces/${doomed.workspaceId}/invitations`).set(bearer(doomed.token)).send({ email: 'invitee@example.com', role: 'member' }).expect(201);
    const tables = (
      await db.query<{ table: string }>(
        `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
      )
    ).map((row) => row.table);
    const counts = async () =>
      Object.fromEntries(
        await Promise.all(
          tables.map(async (table) => [table, (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE workspace_id = $1`, [doomed.workspaceId]))[0].n]),
        ),
      ) as Record<string, number>;
    const before = await waitFor(counts, (n) => n.deliveries > 0);
    expect(Object.entries(before).filter(([, n]) => n > 0).map(([table]) => table)).toEqual(
      expect.arrayContaining(['connector_cursors', 'connectors', 'deliveries', 'event_dedup', 'events', 'ingest_keys', 'invitations', 'memberships', 'metric_increments']),
    );

    await t.http.delete(`/v1/workspaces/${doomed.workspaceId}`).set(bearer(doomed.token)).expect(204);

    expect(await counts()).toEqual(Object.fromEntries(tables.map((table) => [table, 0])));
  });
});
