import { revertThrough, runMigrations } from '../../libs/core/src/database/migration.runner';
import { databaseUrlFor, oneShotQuery, runId, withAdminClient } from '@app/testing';
import { DayPartitions1796160700000 } from '../../migrations/1796160700000-DayPartitions';

const WORKSPACE = '00000000-0000-4000-8000-0000000000aa';
const CONNECTOR = '00000000-0000-4000-8000-0000000000cc';
const OLD_EVENT = '00000000-0000-4000-8000-0000000000e1';
const NEW_EVENT = '00000000-0000-4000-8000-0000000000e2';

// The move to day partitions carries every row across into the partition of its day (deliveries
// into their event's), keeps identity values and their sequences, and its down puts them back.
describe('migration DayPartitions', () => {
  const name = `tl_test_${runId()}_day_partitions`;
  const url = databaseUrlFor(name);
  const query = oneShotQuery(url);

  beforeAll(() => withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`)));
  afterAll(() => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));

  it('moves rows into their days and back', async () => {
    await runMigrations(url);
    await revertThrough(url, DayPartitions1796160700000.name);
    await query(`
      INSERT INTO workspaces (id, name, slug) VALUES ('${WORKSPACE}', 'W', 'w');
      INSERT INTO connectors (id, workspace_id, platform, name, pixel_code, access_token_sealed, access_token_key_id, access_token_hint, status, options)
        VALUES ('${CONNECTOR}', '${WORKSPACE}', 'tiktok', 'c', 'P', 'x', 'k', 'h', 'active', '{}');
      INSERT INTO events (id, workspace_id, event_id, event_name, event_time, received_at, payload) VALUES
        ('${OLD_EVENT}', '${WORKSPACE}', 'old', 'purchase', now(), '2026-11-20T23:59:59Z', '{}'),
        ('${NEW_EVENT}', '${WORKSPACE}', 'new', 'purchase', now(), now(), '{}');
      INSERT INTO deliveries (workspace_id, connector_id, event_ref, created_at) VALUES
        ('${WORKSPACE}', '${CONNECTOR}', '${OLD_EVENT}', '2026-11-21T00:00:05Z'), ('${WORKSPACE}', '${CONNECTOR}', '${NEW_EVENT}', now());
      INSERT INTO delivery_logs (workspace_id, connector_id, created_at, events, platform_message, outcome, attempt)
        VALUES ('${WORKSPACE}', '${CONNECTOR}', '2026-11-21T00:00:05Z', 1, 'old', 'delivered', 1);
      INSERT INTO raw_events (workspace_id, id, received_at, status) VALUES ('${WORKSPACE}', '${OLD_EVENT}', '2026-11-20T23:59:59Z', 'accepted');`);
    const deliveryIds = (await query<{ id: string }>('SELECT id::text FROM deliveries ORDER BY id')).map((r) => r.id);

    await runMigrations(url);
    const where = async (table: string, column: string) =>
      query<{ partition: string; at: Date }>(`SELECT tableoid::regclass::text AS partition, ${column} AS at FROM ${table} ORDER BY ${column}`);
    expect((await where('events', 'received_at')).map((r) => r.partition)[0]).toBe('events_p20261120');
    expect((await where('raw_events', 'received_at')).map((r) => r.partition)).toEqual(['raw_events_p20261120']);
    expect((await where('delivery_logs', 'created_at')).map((r) => r.partition)).toEqual(['delivery_logs_p20261121']);
    // A delivery lives in its event's day, not its own (created after midnight).
    const deliveries = await query<{ id: string; partition: string; same: boolean }>(
      `SELECT d.id::text, d.tableoid::regclass::text AS partition, d.event_received_at = e.received_at AS same
         FROM deliveries d JOIN events e ON e.workspace_id = d.workspace_id AND e.id = d.event_ref ORDER BY d.id`,
    );
    expect(deliveries.map((r) => r.id)).toEqual(deliveryIds);
    expect(deliveries[0].partition).toBe('deliveries_p20261120');
    expect(deliveries.every((r) => r.same)).toBe(true);
    // The unique key (with the partition key) still refuses a second delivery of an event to a
    // connector, and the identity goes on after the ids already handed out.
    const [added] = await query<{ id: string }>(
      `INSERT INTO deliveries (workspace_id, connector_id, event_ref, event_received_at)
       SELECT workspace_id, '${CONNECTOR}', '${NEW_EVENT}', received_at FROM events WHERE id = '${NEW_EVENT}'
       ON CONFLICT DO NOTHING RETURNING id::text`,
    );
    expect(added).toBeUndefined();
    const [next] = await query<{ id: string }>(
      `INSERT INTO delivery_logs (workspace_id, connector_id, events, platform_message, outcome, attempt) VALUES ('${WORKSPACE}', '${CONNECTOR}', 1, 'new', 'sending', 1) RETURNING id::text`,
    );
    expect(Number(next.id)).toBe(2);

    await revertThrough(url, DayPartitions1796160700000.name);
    expect((await query<{ id: string }>('SELECT id::text FROM deliveries ORDER BY id')).map((r) => r.id)).toEqual(deliveryIds);
    expect(await query(`SELECT relkind FROM pg_class WHERE relname = 'events'`)).toEqual([{ relkind: 'r' }]);
    expect((await query<{ n: number }>('SELECT count(*)::int AS n FROM delivery_logs'))[0].n).toBe(2);
    expect((await query<{ n: number }>('SELECT count(*)::int AS n FROM raw_events'))[0].n).toBe(1);
  });
});
