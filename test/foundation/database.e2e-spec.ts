import { Database, ObservedStatement, workspaceIdOf } from '@app/core';
import { createTestApp, signUp, TestApp } from '@app/testing';

// The one way to Postgres: transactions on a client taken from our pool, statements bound to a
// workspace, and the observer the SQL capture uses.
describe('Database', () => {
  let t: TestApp;
  let database: Database;
  let workspaceId: ReturnType<typeof workspaceIdOf>;

  beforeAll(async () => {
    t = await createTestApp();
    database = t.app.get(Database);
    workspaceId = (await signUp(t.http, 'database')).workspaceId;
  });
  afterAll(() => t.close());

  const increments = async (): Promise<number> =>
    (await t.db.query('SELECT count(*)::int AS n FROM metric_increments WHERE workspace_id = $1', [workspaceId]))[0].n;
  const insert = (session: Pick<Database, 'forWorkspace'>) =>
    session.forWorkspace(workspaceId).execute(`INSERT INTO metric_increments (workspace_id, recorded_at, increments) VALUES ($1, now(), '[]')`);

  it('commits what the work wrote', async () => {
    const before = await increments();
    await database.transaction((tx) => insert(tx));
    expect(await increments()).toBe(before + 1);
  });

  it('rolls back on an error, rethrows it, and hands the pool a clean client', async () => {
    const before = await increments();
    const failure = database.transaction(async (tx) => {
      await insert(tx);
      throw new Error('work failed');
    });
    await expect(failure).rejects.toThrow('work failed');
    expect(await increments()).toBe(before);

    // Every pooled client is usable and outside any transaction afterwards.
    const states = await Promise.all(Array.from({ length: 20 }, () => database.transaction((tx) => tx.one<{ one: number }>('SELECT 1 AS one'))));
    expect(states).toEqual(Array.from({ length: 20 }, () => ({ one: 1 })));
    const idleInTransaction = await t.db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`,
    );
    expect(idleInTransaction[0].n).toBe(0);
    // A client released mid-transaction would have committed the failed work with its next COMMIT.
    expect(await increments()).toBe(before);
  });

  it('binds the workspace as $1 ahead of the caller values, and refuses anything that is not a workspace id', async () => {
    const seen: ObservedStatement[] = [];
    const stop = database.observe((statement) => seen.push(statement));
    const row = await database.forWorkspace(workspaceId).one<{ ws: string; x: string }>('SELECT $1::uuid::text AS ws, $2::text AS x', ['x']);
    stop();
    expect(row).toEqual({ ws: workspaceId, x: 'x' });
    expect(seen).toEqual([{ text: 'SELECT $1::uuid::text AS ws, $2::text AS x', values: [workspaceId, 'x'] }]);
    expect(() => database.forWorkspace('' as never)).toThrow('Not a workspace id');
    expect(() => database.forWorkspace('connector-1' as never)).toThrow('Not a workspace id');
  });

  it('tags a named cross-workspace query so reviews and the SQL capture can tell it apart', async () => {
    const seen: string[] = [];
    const stop = database.observe((statement) => seen.push(statement.text));
    await database.acrossWorkspaces('delivery-gauges').one("SELECT count(*) FROM deliveries WHERE status = 'pending'");
    stop();
    expect(seen).toEqual(["/* cross-workspace: delivery-gauges */ SELECT count(*) FROM deliveries WHERE status = 'pending'"]);
  });
});
