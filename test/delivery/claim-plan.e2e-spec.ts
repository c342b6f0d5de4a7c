import { Database, partitionKeyRange } from '@app/core';
import { EventsRepository } from '@app/events';
import { CLAIM_DUE_SQL, DeliveriesRepository } from '@app/platforms';
import { partitionName } from '@app/storage';
import { createTestApp, IngestWorkspace, ingestWorkspace, materializeDeliveries, rolledBackIn, TestApp, TestSandbox } from '@app/testing';

interface PlanNode {
  'Node Type': string;
  'Sort Method'?: string;
  'Actual Rows'?: number;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

// The worker claims a batch from a backlog. The claim must stop at the batch: lock rows in the
// pending index's order under LIMIT (the payloads of those rows are read afterwards, by id). A plan that sorts
// every pending row first (as an ORDER BY the index cannot give did) makes draining a backlog
// quadratic; this fails on such a plan, with no timing involved.
describe('delivery claim on a backlog', () => {
  let sandbox: TestSandbox;
  let t: TestApp;
  let ws: IngestWorkspace;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    t = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url });
    ws = await ingestWorkspace(t.http, 'claim-plan', sandbox);
    for (let request = 0; request < 6; request++) {
      const batch = Array.from({ length: 500 }, (_, i) => ({ event: 'purchase', event_id: `backlog-${request}-${i}` }));
      await t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ batch }).expect(202);
    }
    // The worker's first step (this app runs none): the pending rows, from the connector's cursor.
    const materialized = await materializeDeliveries(t, ws, 5000);
    expect(materialized).toEqual({ locked: true, added: 3000, more: false });
  });
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });

  it('locks the first 100 of 3,000 pending deliveries in index order without sorting the backlog', async () => {
    await t.db.query('ANALYZE deliveries');
    const plan = await t.db.rolledBack(async (query) => {
      const rows = await query(`EXPLAIN (ANALYZE, FORMAT JSON) ${CLAIM_DUE_SQL}`, [ws.workspaceId, ws.connectorId, 100]);
      return rows[0]['QUERY PLAN'][0].Plan as PlanNode;
    });
    const all = nodes(plan);
    const lockRows = all.find((node) => node['Node Type'] === 'LockRows') as PlanNode;
    expect(lockRows['Actual Rows']).toBe(100);
    const underLock = nodes(lockRows);
    expect(underLock.filter((node) => node['Node Type'].includes('Sort')).map((node) => node['Node Type'])).toEqual([]);
    // One index scan per day partition (deliveries are partitioned by their event's day), merged
    // in index order; together they read the batch, not the backlog (a merge reads at most one row
    // ahead per partition).
    const pendingScans = underLock.filter((node) => /^deliveries_p\d{8}$/.test(node['Relation Name'] ?? ''));
    expect(pendingScans.length).toBeGreaterThan(0);
    expect(pendingScans.map((node) => node['Node Type'])).toEqual(pendingScans.map(() => 'Index Scan'));
    const read = pendingScans.reduce((sum, node) => sum + (node['Actual Rows'] ?? 0), 0);
    expect(read).toBeGreaterThanOrEqual(100);
    expect(read).toBeLessThanOrEqual(100 + pendingScans.length);
    expect(all.every((node) => node['Sort Method'] !== 'external merge')).toBe(true);
  });

  // By id alone, each of these probed every day partition's index for every id of the batch (nine
  // partitions or more: yesterday to a week ahead); with the batch's range of days, one.
  it("reads the batch's payloads and settles its rows in their day's partitions only", async () => {
    const claimed = await t.app.get(Database).transaction((tx) => t.app.get(DeliveriesRepository).claimDue(ws.workspaceId, ws.connectorId as string, 100, tx));
    const received = partitionKeyRange(claimed.map((delivery) => delivery.eventReceivedAt));
    const refs = claimed.map((delivery) => delivery.eventRef);
    const ids = claimed.map((delivery) => delivery.id);
    expect((await t.app.get(EventsRepository).payloads(ws.workspaceId, refs, received)).size).toBe(100);
    await rolledBackIn(t.app.get(Database), (tx) => t.app.get(DeliveriesRepository).markDelivered(ws.workspaceId, ids, received, tx));

    const scanned = async (statementStart: string, values: unknown[]) => {
      const text = t.sql.statements.find((statement) => statement.trimStart().startsWith(statementStart)) as string;
      expect(text).toBeDefined();
      const rows = await t.db.rolledBack((query) => query(`EXPLAIN (FORMAT JSON) ${text}`, values));
      // The day partitions read (an UPDATE's plan also names the parent table it writes through).
      const relations = nodes(rows[0]['QUERY PLAN'][0].Plan as PlanNode).map((node) => node['Relation Name'] ?? '');
      return [...new Set(relations.filter((name) => /_p\d{8}$/.test(name)))];
    };
    const today = new Date();
    expect(await scanned('SELECT id, payload FROM events', [ws.workspaceId, refs, received.from, received.to])).toEqual([partitionName('events', today)]);
    expect(await scanned('UPDATE deliveries SET attempts = attempts + 1', [ws.workspaceId, ids, received.from, received.to])).toEqual([
      partitionName('deliveries', today),
    ]);
  });
});
