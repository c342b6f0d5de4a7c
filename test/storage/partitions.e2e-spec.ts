import { DAY_MS } from '@app/core';
import { partitionName, StorageMaintenance, utcDay } from '@app/storage';
import { addPastDayPartitions, bearer, createTestApp, createTestWorker, IngestWorkspace, ingestWorkspace, TestApp, TestSandbox, TestWorker, TestDatabase, materializeDeliveries, waitFor } from '@app/testing';

// Whole days go: rows are dated into day partitions of 20, 39, 40 and 41 days ago, one maintenance run
// drops the days past every workspace's retention that hold no open work, keeps the others, and
// creates the days ahead.
describe('day partitions', () => {
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

  const dayAgo = (days: number) => utcDay(new Date(Date.now() - days * DAY_MS));
  // Noon of that UTC day, well inside its partition.
  const noonAgo = (days: number) => new Date(dayAgo(days).getTime() + DAY_MS / 2);
  const exists = async (name: string) => (await db.query('SELECT to_regclass($1) IS NOT NULL AS found', [name]))[0].found as boolean;
  const partitionsOf = async (table: string) =>
    (await db.query(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass`, [table])).map(
      (r) => r.relname as string,
    );
  const ingest = async (ws: IngestWorkspace, eventId: string) =>
    (await api.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ event: 'purchase', event_id: eventId, anonymous_id: 'v-1' }).expect(202)).body
      .results[0] as { status: string; id: string };
  // Moves an event, its deliveries, its raw event and its dedup claim to `at` (rows move between
  // partitions on update), with its deliveries in `status`.
  const date = async (ws: IngestWorkspace, eventId: string, at: Date, status: string) => {
    const [event] = await db.query('UPDATE events SET received_at = $3 WHERE workspace_id = $1 AND event_id = $2 RETURNING id', [ws.workspaceId, eventId, at]);
    await db.query('UPDATE deliveries SET event_received_at = $3, status = $4 WHERE workspace_id = $1 AND event_ref = $2', [ws.workspaceId, event.id, at, status]);
    await db.query('UPDATE raw_events SET received_at = $3 WHERE workspace_id = $1 AND id = $2', [ws.workspaceId, event.id, at]);
    await db.query('UPDATE event_dedup SET first_seen_at = $3 WHERE workspace_id = $1 AND event_id = $2', [ws.workspaceId, eventId, at]);
  };
  const addLog = (ws: IngestWorkspace, message: string, outcome: string, at: Date) =>
    db.query(
      `INSERT INTO delivery_logs (workspace_id, connector_id, created_at, events, platform_message, outcome, attempt) VALUES ($1, $2, $3, 1, $4, $5, 1)`,
      [ws.workspaceId, ws.connectorId, at, message, outcome],
    );
  const materialize = (ws: IngestWorkspace) => materializeDeliveries(api, ws);
  const eventIdsOf = async (ws: IngestWorkspace) =>
    (await db.query('SELECT event_id FROM events WHERE workspace_id = $1 ORDER BY event_id', [ws.workspaceId])).map((r) => r.event_id);

  it('drops days past every retention, keeps a day with a pending delivery, creates the days ahead, and ingest goes on', async () => {
    const ws = await ingestWorkspace(api.http, 'partitions', sandbox);
    const patient = await ingestWorkspace(api.http, 'partitions-long', sandbox);
    await api.http.patch(`/v1/workspaces/${patient.workspaceId}`).set(bearer(patient.token)).send({ settings: { eventRetentionDays: 30 } }).expect(200);
    await addPastDayPartitions(db, [20, 39, 40, 41]);
    for (const id of ['old-delivered', 'old-pending', 'mid-delivered']) await ingest(ws, id);
    await ingest(patient, 'mid-delivered');
    // Their delivery rows, as the worker's drain writes them; until then each event is pending to
    // its connector's cursor, and that alone keeps its day (checked after the first run).
    await materialize(ws);
    await materialize(patient);
    await ingest(ws, 'old-not-materialized');
    // The worker started below must not deliver these itself.
    await db.query(`UPDATE deliveries SET next_attempt_at = now() + interval '1 day'`);
    await date(ws, 'old-delivered', noonAgo(40), 'delivered');
    await date(ws, 'old-pending', noonAgo(39), 'pending');
    await date(ws, 'mid-delivered', noonAgo(20), 'delivered');
    await date(patient, 'mid-delivered', noonAgo(20), 'delivered');
    await date(ws, 'old-not-materialized', noonAgo(41), 'pending');
    await addLog(ws, 'old settled', 'delivered', noonAgo(40));
    await addLog(ws, 'old in doubt', 'in_doubt', noonAgo(39));
    // A day ahead missing (as after a week without a worker): the worker makes it when it starts,
    // and so does every run.
    const lastAhead = partitionName('events', new Date(Date.now() + 7 * DAY_MS));
    await db.query(`DROP TABLE ${lastAhead}`);
    // The worker's drain would write the last event's row (and deliver it) at once: holding its
    // cursor's lock keeps the event beyond the cursor through the run, as a busy drain would.
    const counts = await db.rolledBack(async (query) => {
      await query('SELECT 1 FROM connector_cursors WHERE workspace_id = $1 FOR UPDATE', [ws.workspaceId]);
      worker = await createTestWorker(api);
      expect(await exists(lastAhead)).toBe(true);
      await db.query(`DROP TABLE ${lastAhead}`);
      return worker.context.get(StorageMaintenance).runOnce();
    });

    expect(counts).toMatchObject({ partitionsCreated: 1, partitionsDropped: 8, daysKeptForOpenWork: 3, events: 1, eventsKeptForOpenWork: 2 });
    // 40 days ago: past every retention and nothing open, all four tables' day dropped.
    for (const table of ['events', 'deliveries', 'raw_events', 'delivery_logs']) expect(await exists(partitionName(table as 'events', dayAgo(40)))).toBe(false);
    // 39 days ago: the pending delivery keeps its day, with its event and payload; the raw
    // events' days (39 and 20) go by their own retention; the attempt in doubt keeps its day.
    expect(await exists(partitionName('events', dayAgo(39)))).toBe(true);
    expect(await exists(partitionName('deliveries', dayAgo(39)))).toBe(true);
    expect(await exists(partitionName('raw_events', dayAgo(39)))).toBe(false);
    expect(await exists(partitionName('delivery_logs', dayAgo(39)))).toBe(true);
    // 41 days ago: an event the cursor has not reached (no delivery row yet) is pending too.
    expect(await exists(partitionName('events', dayAgo(41)))).toBe(true);
    expect(await exists(partitionName('raw_events', dayAgo(41)))).toBe(false);
    const pending = await db.query(
      `SELECT d.status, e.payload->>'anonymousId' AS visitor FROM deliveries d
         JOIN events e ON e.workspace_id = d.workspace_id AND e.id = d.event_ref AND e.received_at = d.event_received_at
        WHERE e.workspace_id = $1 AND e.event_id = 'old-pending'`,
      [ws.workspaceId],
    );
    expect(pending).toEqual([{ status: 'pending', visitor: 'v-1' }]);
    // 20 days ago: within the other workspace's 30 days, so the day stays; this workspace's event
    // there went row by row (7 days), the other's is kept.
    expect(await exists(partitionName('events', dayAgo(20)))).toBe(true);
    expect(await eventIdsOf(ws)).toEqual(['old-not-materialized', 'old-pending']);
    expect(await eventIdsOf(patient)).toEqual(['mid-delivered']);
    // Yesterday, today and a week ahead exist for every table.
    for (const table of ['events', 'deliveries', 'raw_events', 'delivery_logs'] as const) {
      const names = await partitionsOf(table);
      for (let ahead = -1; ahead <= 7; ahead++) expect(names).toContain(partitionName(table, new Date(Date.now() + ahead * DAY_MS)));
    }

    // A dedup claim past the window no longer blocks its event_id, though its event's day is gone;
    // the new event lands in today's partition.
    const again = await ingest(ws, 'old-delivered');
    expect(again.status).toBe('accepted');
    const [stored] = await db.query('SELECT tableoid::regclass::text AS partition FROM events WHERE workspace_id = $1 AND id = $2', [ws.workspaceId, again.id]);
    expect(stored.partition).toBe(partitionName('events', new Date()));
    // Its row as the drain writes it, whether this call or the worker's drain gets the cursor first.
    await waitFor(() => materialize(ws), (materialized) => materialized.locked);
    const [delivery] = await db.query('SELECT tableoid::regclass::text AS partition FROM deliveries WHERE workspace_id = $1 AND event_ref = $2', [
      ws.workspaceId,
      again.id,
    ]);
    expect(delivery.partition).toBe(partitionName('deliveries', new Date()));

    // Once settled, the kept days go at the next run.
    await db.query(`UPDATE deliveries SET status = 'delivered' WHERE workspace_id = $1`, [ws.workspaceId]);
    await db.query(`UPDATE delivery_logs SET outcome = 'delivered' WHERE workspace_id = $1`, [ws.workspaceId]);
    expect(await worker.context.get(StorageMaintenance).runOnce()).toMatchObject({ partitionsCreated: 0, partitionsDropped: 5, daysKeptForOpenWork: 0 });
    for (const table of ['events', 'deliveries', 'delivery_logs'] as const) expect(await exists(partitionName(table, dayAgo(39)))).toBe(false);
    for (const table of ['events', 'deliveries'] as const) expect(await exists(partitionName(table, dayAgo(41)))).toBe(false);
    expect(await eventIdsOf(ws)).toEqual(['old-delivered']);
  });
});
