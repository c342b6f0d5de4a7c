import { StorageMaintenance } from '@app/storage';
import { addPastDayPartitions, bearer, createTestApp, createTestWorker, IngestWorkspace, ingestWorkspace, TestApp, TestSandbox, TestWorker, TestDatabase, materializeDeliveries, waitFor } from '@app/testing';

// Time moves forward by dating rows in the past (received_at, first_seen_at, created_at), then
// one maintenance run applies each workspace's retention.
describe('storage retention', () => {
  let sandbox: TestSandbox;
  let api: TestApp;
  let worker: TestWorker;
  let db: TestDatabase;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    api = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url });
    db = api.db;
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await sandbox.close();
  });

  const ingest = async (ws: IngestWorkspace, eventId: string) =>
    (await api.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ event: 'purchase', event_id: eventId, anonymous_id: 'v-1' }).expect(202)).body
      .results[0] as { status: string; id: string };
  const eventIdsOf = async (ws: IngestWorkspace) =>
    (await db.query('SELECT event_id FROM events WHERE workspace_id = $1 ORDER BY event_id', [ws.workspaceId])).map((r) => r.event_id);
  const claimsOf = async (ws: IngestWorkspace) =>
    (await db.query('SELECT event_id FROM event_dedup WHERE workspace_id = $1 ORDER BY event_id', [ws.workspaceId])).map((r) => r.event_id);
  const logsOf = async (ws: IngestWorkspace) =>
    (await db.query('SELECT platform_message FROM delivery_logs WHERE workspace_id = $1 ORDER BY platform_message', [ws.workspaceId])).map((r) => r.platform_message);
  const age = (ws: IngestWorkspace, eventIds: string[], interval: string) =>
    db.query(`UPDATE events SET received_at = now() - $3::interval WHERE workspace_id = $1 AND event_id = ANY ($2)`, [ws.workspaceId, eventIds, interval]);
  const setStatus = (ws: IngestWorkspace, eventId: string, status: string) =>
    db.query(`UPDATE deliveries d SET status = $3 FROM events e WHERE e.workspace_id = $1 AND e.event_id = $2 AND d.workspace_id = $1 AND d.event_ref = e.id`, [
      ws.workspaceId,
      eventId,
      status,
    ]);
  const addLog = (ws: IngestWorkspace, message: string, outcome: string, interval: string) =>
    db.query(
      `INSERT INTO delivery_logs (workspace_id, connector_id, created_at, events, platform_message, outcome, attempt) VALUES ($1, $2, now() - $3::interval, 1, $4, $5, 1)`,
      [ws.workspaceId, ws.connectorId, interval, message, outcome],
    );

  const materialize = (ws: IngestWorkspace) => materializeDeliveries(api, ws);

  const rawEventIdsOf = async (ws: IngestWorkspace) =>
    (await db.query('SELECT event_id FROM raw_events WHERE workspace_id = $1 ORDER BY event_id', [ws.workspaceId])).map((r) => r.event_id);
  // Roll-ups older than a month (the worker's own roll-up only adds current buckets).
  const oldCountsOf = async (ws: IngestWorkspace) =>
    (
      await db.query(
        `SELECT granularity || ' ' || value AS c FROM metric_counts WHERE workspace_id = $1 AND bucket < now() - interval '1 month' ORDER BY granularity, value`,
        [ws.workspaceId],
      )
    ).map((r) => r.c);
  const addCount = (ws: IngestWorkspace, granularity: string, interval: string, value: number) =>
    db.query(
      `INSERT INTO metric_counts (workspace_id, granularity, bucket, connector_id, metric, value)
       VALUES ($1, $2, date_trunc($2, now() - $3::interval, 'UTC'), $4, 'received', $5)`,
      [ws.workspaceId, granularity, interval, ws.connectorId, value],
    );

  it('drops what is past retention, keeps what a delivery still needs, and frees expired dedup keys', async () => {
    const ws = await ingestWorkspace(api.http, 'retention', sandbox);
    const patient = await ingestWorkspace(api.http, 'retention-long', sandbox);
    await api.http
      .patch(`/v1/workspaces/${patient.workspaceId}`)
      .set(bearer(patient.token))
      .send({ settings: { eventRetentionDays: 30, deliveryLogRetentionDays: 60 } })
      .expect(200);
    // The days rows are dated back to (8 and 31 days ago): within the longest retention of a
    // workspace (30 and 60 days), so no whole day goes and the rows go one by one.
    await addPastDayPartitions(db, [8, 31]);
    for (const id of ['old-delivered', 'old-pending', 'old-in-doubt', 'recent']) await ingest(ws, id);
    await ingest(patient, 'old-delivered');
    // Their delivery rows, as the worker's first step writes them from the connectors' cursors.
    await materialize(ws);
    await materialize(patient);
    // The worker started below must not deliver these itself: nothing is due for a day.
    await db.query(`UPDATE deliveries SET next_attempt_at = now() + interval '1 day'`);
    await setStatus(ws, 'old-delivered', 'delivered');
    await setStatus(ws, 'old-in-doubt', 'in_doubt');
    await setStatus(patient, 'old-delivered', 'delivered');
    await age(ws, ['old-delivered', 'old-pending', 'old-in-doubt'], '8 days');
    await age(patient, ['old-delivered'], '8 days');
    // A delivery lives in its event's day.
    await db.query(
      `UPDATE deliveries d SET event_received_at = e.received_at FROM events e WHERE e.workspace_id = d.workspace_id AND e.id = d.event_ref AND d.workspace_id = ANY ($1)`,
      [[ws.workspaceId, patient.workspaceId]],
    );
    await db.query(`UPDATE event_dedup SET first_seen_at = now() - interval '49 hours' WHERE event_id LIKE 'old-%'`);
    await addLog(ws, 'old settled', 'delivered', '31 days');
    await addLog(ws, 'old in doubt', 'in_doubt', '31 days');
    await addLog(ws, 'recent settled', 'delivered', '1 day');
    await addLog(patient, 'old settled', 'delivered', '31 days');
    await db.query(`UPDATE raw_events SET received_at = now() - interval '8 days' WHERE workspace_id = $1 AND event_id LIKE 'old-%'`, [ws.workspaceId]);
    await addCount(ws, 'minute', '14 months', 1);
    await addCount(ws, 'hour', '14 months', 2);
    await addCount(ws, 'day', '14 months', 3);
    await addCount(ws, 'day', '12 months', 4);
    await db.query(
      `INSERT INTO click_ids (workspace_id, identity, ids, oldest_captured_at)
         SELECT $1, identity, jsonb_build_object('ttclid', jsonb_build_array('v', extract(epoch FROM at)::bigint)), at
           FROM (VALUES ('anon:expired', now() - interval '29 days'), ('anon:in-window', now() - interval '27 days')) AS c(identity, at)`,
      [ws.workspaceId],
    );

    worker = await createTestWorker(api);
    const counts = await worker.context.get(StorageMaintenance).runOnce();

    // Whole days went first: the raw events' of 8 and 31 days ago (their retention is 7 days for
    // all), the events' and deliveries' of 31 days ago (past the longest, 30); the rest row by row.
    expect(counts).toEqual({
      partitionsCreated: 0,
      partitionsDropped: 4,
      daysKeptForOpenWork: 0,
      dedupClaims: 4,
      events: 1,
      deliveryLogs: 1,
      metricCounts: 3,
      eventsKeptForOpenWork: 2,
      rawEvents: 0,
      clickIds: 1,
    });
    expect(await eventIdsOf(ws)).toEqual(['old-in-doubt', 'old-pending', 'recent']);
    // The pending delivery older than the retention is still there and still pending, with its
    // event's payload, which the next attempt sends.
    const pending = await db.query(
      `SELECT d.status, e.payload->>'anonymousId' AS visitor FROM deliveries d JOIN events e ON e.workspace_id = d.workspace_id AND e.id = d.event_ref
        WHERE e.workspace_id = $1 AND e.event_id = 'old-pending'`,
      [ws.workspaceId],
    );
    expect(pending).toEqual([{ status: 'pending', visitor: 'v-1' }]);
    // The debugger's copies as received go by their own retention, whatever became of the event.
    expect(await rawEventIdsOf(ws)).toEqual(['recent']);
    expect(await rawEventIdsOf(patient)).toEqual(['old-delivered']);
    expect(await oldCountsOf(ws)).toEqual(['day 4']);
    const clickIds = await db.query('SELECT identity FROM click_ids WHERE workspace_id = $1 ORDER BY identity', [ws.workspaceId]);
    expect(clickIds.map((r) => r.identity)).toEqual(['anon:in-window']);
    expect(await claimsOf(ws)).toEqual(['recent']);
    expect(await logsOf(ws)).toEqual(['old in doubt', 'recent settled']);
    const deliveries = await db.query('SELECT count(*)::int AS n FROM deliveries WHERE workspace_id = $1', [ws.workspaceId]);
    expect(deliveries[0].n).toBe(3);
    // The other workspace keeps its events and attempts for its longer retention; its dedup window
    // is the default 48 h, so its expired claim went.
    expect(await eventIdsOf(patient)).toEqual(['old-delivered']);
    expect(await logsOf(patient)).toEqual(['old settled']);
    expect(await claimsOf(patient)).toEqual([]);

    // An event_id whose claim expired is a new event again; one still claimed is a duplicate.
    expect((await ingest(ws, 'old-delivered')).status).toBe('accepted');
    expect((await ingest(ws, 'recent')).status).toBe('duplicate');

    // Nothing left to do: a second run deletes nothing.
    expect(await worker.context.get(StorageMaintenance).runOnce()).toEqual({
      partitionsCreated: 0,
      partitionsDropped: 0,
      daysKeptForOpenWork: 0,
      dedupClaims: 0,
      events: 0,
      deliveryLogs: 0,
      metricCounts: 0,
      eventsKeptForOpenWork: 2,
      rawEvents: 0,
      clickIds: 0,
    });
  });

  it('never deletes an event its connector has not materialized yet, then deletes it once delivered', async () => {
    const ws = await ingestWorkspace(api.http, 'retention-cursor', sandbox);
    worker ??= await createTestWorker(api);
    const maintenance = worker.context.get(StorageMaintenance);
    // Holding the cursor's row lock keeps the worker from materializing (its lock skips a locked
    // cursor), so the event has no delivery row while retention runs: only the cursor owes it.
    await db.rolledBack(async (query) => {
      await query('SELECT 1 FROM connector_cursors WHERE workspace_id = $1 FOR UPDATE', [ws.workspaceId]);
      await ingest(ws, 'old-unread');
      await age(ws, ['old-unread'], '8 days');
      expect(await db.query('SELECT id FROM deliveries WHERE workspace_id = $1', [ws.workspaceId])).toEqual([]);
      await maintenance.runOnce();
      expect(await eventIdsOf(ws)).toEqual(['old-unread']);
    });

    await waitFor(() => materialize(ws), (materialized) => materialized.locked);
    await db.query(`UPDATE deliveries SET status = 'delivered' WHERE workspace_id = $1`, [ws.workspaceId]);
    await maintenance.runOnce();
    expect(await eventIdsOf(ws)).toEqual([]);
  });

  it('refuses retention settings out of bounds, naming the field', async () => {
    const ws = await ingestWorkspace(api.http, 'retention-bounds');
    const patch = (settings: object) => api.http.patch(`/v1/workspaces/${ws.workspaceId}`).set(bearer(ws.token)).send({ settings });
    const tooShort = await patch({ eventRetentionDays: 0 }).expect(400);
    expect(tooShort.body.details.fields[0]).toEqual({ field: 'settings.eventRetentionDays', message: 'eventRetentionDays must not be less than 1' });
    const tooLong = await patch({ deliveryLogRetentionDays: 91 }).expect(400);
    expect(tooLong.body.details.fields[0]).toEqual({ field: 'settings.deliveryLogRetentionDays', message: 'deliveryLogRetentionDays must not be greater than 90' });
    const ok = await patch({ eventRetentionDays: 30 }).expect(200);
    expect(ok.body.settings).toMatchObject({ eventRetentionDays: 30, deliveryLogRetentionDays: 30 });
  });
});
