import { randomBytes } from 'node:crypto';
import { ClickIdPruner } from '@app/ingest';
import { inBoundedBatches } from '@app/storage';
import { createTestApp, createTestWorker, ingestWorkspace, TestApp, TestWorker } from '@app/testing';

// The click ids' retention (run by the worker's storage maintenance): click ids older than the longest attribution window go, in bounded
// batches, whichever workspace captured them; anything a window could still restore stays.
describe('click id pruning', () => {
  let t: TestApp;
  let worker: TestWorker;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('deletes expired click ids in batches and keeps the ones a window can still restore', async () => {
    const ws = await ingestWorkspace(t.http, 'prune');
    const visitor = `prune-${randomBytes(4).toString('hex')}`;
    await t.http
      .post('/v1/ingest')
      .set('X-TrackLayer-Key', ws.ingestKey)
      .send({ event: 'page_view', anonymous_id: visitor, page: { url: 'https://shop.example/?ttclid=E.C.P.fresh' } })
      .expect(202);
    await t.db.query(
      `INSERT INTO click_ids (workspace_id, identity, kind, value, captured_at)
         SELECT $1, 'anon:old-' || n, kind, 'v', now() - interval '29 days' - n * interval '1 minute'
           FROM generate_series(1, 6) AS n, unnest(ARRAY['ttclid', 'fbp']) AS kind`,
      [ws.workspaceId],
    );
    await t.db.query(`INSERT INTO click_ids (workspace_id, identity, kind, value, captured_at) VALUES ($1, 'anon:kept', 'fbc', 'v', now() - interval '27 days')`, [
      ws.workspaceId,
    ]);

    const pruner = worker.context.get(ClickIdPruner);
    const batches: number[] = [];
    const prune = async (limit: number) => {
      const deleted = await pruner.pruneExpired(limit);
      batches.push(deleted);
      return deleted;
    };
    expect(await inBoundedBatches(prune, { batchSize: 5, pauseMs: 0 })).toBe(12);
    expect(batches).toEqual([5, 5, 2]);
    const left = await t.db.query<{ identity: string }>(`SELECT identity FROM click_ids WHERE workspace_id = $1 ORDER BY identity`, [ws.workspaceId]);
    expect(left.map((row) => row.identity).sort()).toEqual(['anon:kept', `anon:${visitor}`].sort());
  });
});
