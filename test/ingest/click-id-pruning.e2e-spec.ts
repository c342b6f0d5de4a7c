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

  it('deletes expired click ids in batches, and of a row only its expired kinds, keeping the ones a window can still restore', async () => {
    const ws = await ingestWorkspace(t.http, 'prune');
    const visitor = `prune-${randomBytes(4).toString('hex')}`;
    await t.http
      .post('/v1/ingest')
      .set('X-TrackLayer-Key', ws.ingestKey)
      .send({ event: 'page_view', anonymous_id: visitor, page: { url: 'https://shop.example/?ttclid=E.C.P.fresh' } })
      .expect(202);
    const epoch = (interval: string) => `extract(epoch FROM now() - interval '${interval}')::bigint`;
    await t.db.query(
      `INSERT INTO click_ids (workspace_id, identity, ids, oldest_captured_at)
         SELECT $1, 'anon:old-' || n, jsonb_build_object('ttclid', jsonb_build_array('v', ${epoch('29 days')} - n * 60), 'fbp', jsonb_build_array('v', ${epoch('29 days')} - n * 60)),
                to_timestamp(${epoch('29 days')} - n * 60)
           FROM generate_series(1, 6) AS n`,
      [ws.workspaceId],
    );
    await t.db.query(
      `INSERT INTO click_ids (workspace_id, identity, ids, oldest_captured_at) VALUES
         ($1, 'anon:kept', jsonb_build_object('fbc', jsonb_build_array('v', ${epoch('27 days')})), to_timestamp(${epoch('27 days')})),
         ($1, 'anon:mixed', jsonb_build_object('ttclid', jsonb_build_array('old', ${epoch('29 days')}), 'fbp', jsonb_build_array('fresh', ${epoch('27 days')})),
          to_timestamp(${epoch('29 days')}))`,
      [ws.workspaceId],
    );
    const mixedFbpAt = (await t.db.query<{ t: string }>(`SELECT ids->'fbp'->>1 AS t FROM click_ids WHERE workspace_id = $1 AND identity = 'anon:mixed'`, [ws.workspaceId]))[0].t;

    const pruner = worker.context.get(ClickIdPruner);
    const batches: number[] = [];
    const prune = async (limit: number) => {
      const pruned = await pruner.pruneExpired(limit);
      batches.push(pruned);
      return pruned;
    };
    // Six rows wholly expired and one that loses its expired kind.
    expect(await inBoundedBatches(prune, { batchSize: 5, pauseMs: 0 })).toBe(7);
    expect(batches).toEqual([5, 2]);
    const left = await t.db.query<{ identity: string; ids: Record<string, [string, number]>; oldest: string }>(
      `SELECT identity, ids, extract(epoch FROM oldest_captured_at)::bigint AS oldest FROM click_ids WHERE workspace_id = $1 ORDER BY identity`,
      [ws.workspaceId],
    );
    expect(left.map((row) => row.identity).sort()).toEqual(['anon:kept', 'anon:mixed', `anon:${visitor}`].sort());
    const mixed = left.find((row) => row.identity === 'anon:mixed');
    // The fresh kind stays, and the row's oldest capture is now its own, so it is not picked again.
    expect(mixed).toEqual({ identity: 'anon:mixed', ids: { fbp: ['fresh', Number(mixedFbpAt)] }, oldest: mixedFbpAt });
    expect(await pruner.pruneExpired(5)).toBe(0);
  });
});
