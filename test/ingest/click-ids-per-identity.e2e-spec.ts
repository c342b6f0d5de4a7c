import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestApp, IngestWorkspace, ingestWorkspace, TestApp } from '@app/testing';
import { realisticEventJson } from '../../bench/load/realistic-event';

type StoredIds = Record<string, [string, number]>;

// The click id store keeps one row per identity with every kind it knows (click_ids.ids), merged
// per kind in SQL: what the rows per kind guaranteed must still hold, with half the rows.
describe('click ids, one row per identity', () => {
  let t: TestApp;
  let ws: IngestWorkspace;

  beforeAll(async () => {
    t = await createTestApp();
    ws = await ingestWorkspace(t.http, 'click-rows');
  });
  afterAll(() => t.close());

  const send = (body: object | string) =>
    t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).set('Content-Type', 'application/json').send(body).expect(202);
  const idsOf = async (identity: string): Promise<StoredIds | undefined> =>
    (await t.db.query<{ ids: StoredIds }>('SELECT ids FROM click_ids WHERE workspace_id = $1 AND identity = $2', [ws.workspaceId, identity]))[0]?.ids;
  const now = () => Math.floor(Date.now() / 1000);

  it("writes one row per identity of the bench's realistic event: 3 per new visitor where rows per kind wrote 6", async () => {
    const own = await ingestWorkspace(t.http, 'click-rows-bench');
    const time = now();
    const visitors = Array.from({ length: 40 }, (_, i) => 7_000_000 + i);
    const post = (body: string) => t.http.post('/v1/ingest').set('X-TrackLayer-Key', own.ingestKey).set('Content-Type', 'application/json').send(body).expect(202);
    await post(`{"batch":[${visitors.slice(0, 30).map((visitor) => realisticEventJson(`bench-${visitor}`, visitor, time)).join(',')}]}`);
    for (const visitor of visitors.slice(30)) await post(realisticEventJson(`bench-${visitor}`, visitor, time));

    const rows = await t.db.query<{ identity: string; kinds: string[] }>(
      `SELECT identity, ARRAY(SELECT jsonb_object_keys(ids) ORDER BY 1) AS kinds FROM click_ids WHERE workspace_id = $1`,
      [own.workspaceId],
    );
    const events = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE workspace_id = $1', [own.workspaceId]);
    expect(events[0].n).toBe(40);
    // Its anonymous id, email and phone, each holding both the ttclid and the _ttp.
    expect(rows).toHaveLength(3 * 40);
    expect(new Set(rows.map((row) => row.identity.split(':')[0]))).toEqual(new Set(['anon', 'email', 'phone']));
    for (const row of rows) expect(row.kinds).toEqual(['ttclid', 'ttp']);
  });

  it('never loses a kind that two concurrent requests for one visitor bring', async () => {
    const visitors = Array.from({ length: 15 }, () => `race-${randomBytes(4).toString('hex')}`);
    await Promise.all(
      visitors.flatMap((visitor) => [
        send({ event: 'page_view', anonymous_id: visitor, page: { url: `https://shop.example/?ttclid=E.C.P.${visitor}` } }),
        send({ event: 'page_view', anonymous_id: visitor, cookies: { _fbp: `fb.1.1764000000000.${visitor}` } }),
      ]),
    );
    for (const visitor of visitors) expect(Object.keys((await idsOf(`anon:${visitor}`)) ?? {}).sort()).toEqual(['fbp', 'ttclid']);
  });

  it('merges into a row another transaction writes meanwhile: its kinds kept, its later capture not overwritten by an older one', async () => {
    const visitor = `locked-${randomBytes(4).toString('hex')}`;
    const identity = `anon:${visitor}`;
    const time = now();
    const other = new Client({ connectionString: t.db.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      // Another batch's write, not committed yet: the visitor's fbp, and a ttp captured after the event below.
      await other.query(`INSERT INTO click_ids (workspace_id, identity, ids, oldest_captured_at) VALUES ($1, $2, $3, to_timestamp($4))`, [
        ws.workspaceId,
        identity,
        { fbp: ['fb.1.1.9', time - 60], ttp: ['ttp-newer', time] },
        time - 60,
      ]);
      const sending = send({
        event: 'page_view',
        anonymous_id: visitor,
        event_time: time - 30,
        page: { url: 'https://shop.example/?ttclid=E.C.P.locked' },
        cookies: { _ttp: 'ttp-older' },
      }).then((response) => response);
      // The ingest write waits for that row's transaction.
      const deadline = Date.now() + 10_000;
      let waiting = 0;
      while (waiting === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        waiting = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n;
      }
      expect(waiting).toBe(1);
      await other.query('COMMIT');
      await sending;
    } finally {
      await other.end();
    }
    expect(await idsOf(identity)).toEqual({ fbp: ['fb.1.1.9', time - 60], ttp: ['ttp-newer', time], ttclid: ['E.C.P.locked', time - 30] });
  });

  it('keeps the newer capture against an older event, takes a different value of the same second, and rewrites no unchanged row', async () => {
    const visitor = `order-${randomBytes(4).toString('hex')}`;
    const identity = `anon:${visitor}`;
    const time = now() - 10;
    const landing = (ttclid: string, eventTime: number) =>
      send({ event: 'page_view', anonymous_id: visitor, event_time: eventTime, page: { url: `https://shop.example/?ttclid=${ttclid}` }, cookies: { _ttp: 'ttp-1' } });
    await landing('E.C.P.first', time);
    expect(await idsOf(identity)).toEqual({ ttclid: ['E.C.P.first', time], ttp: ['ttp-1', time] });

    // An event that happened earlier and arrives late does not replace the newer click.
    await landing('E.C.P.earlier', time - 100);
    expect((await idsOf(identity))?.ttclid).toEqual(['E.C.P.first', time]);

    const version = async () =>
      (await t.db.query<{ v: string }>('SELECT xmin::text AS v FROM click_ids WHERE workspace_id = $1 AND identity = $2', [ws.workspaceId, identity]))[0].v;
    const before = await version();
    await landing('E.C.P.first', time + 5);
    expect(await version()).toBe(before);

    // A different click of the same second: the one read last is the newer one.
    await landing('E.C.P.second', time);
    expect(await idsOf(identity)).toEqual({ ttclid: ['E.C.P.second', time], ttp: ['ttp-1', time] });
    expect(await version()).not.toBe(before);
  });
});
