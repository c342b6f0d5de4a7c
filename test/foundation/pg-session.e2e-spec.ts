import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { inPgTransaction } from '@app/core';
import { createTestApp, TestApp } from '@app/testing';

// The ingest hot path runs its transaction on a client taken straight from the pool.
describe('inPgTransaction', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const increments = async (workspaceId: string): Promise<number> =>
    (await db.query('SELECT count(*)::int AS n FROM metric_increments WHERE workspace_id = $1', [workspaceId]))[0].n;
  const insert = (session: { query(text: string, values?: unknown[]): Promise<unknown> }, workspaceId: string) =>
    session.query(`INSERT INTO metric_increments (workspace_id, recorded_at, increments) VALUES ($1, now(), '[]')`, [workspaceId]);

  it('commits what the work wrote', async () => {
    const workspaceId = randomUUID();
    await inPgTransaction(db, (session) => insert(session, workspaceId));
    expect(await increments(workspaceId)).toBe(1);
  });

  it('rolls back on an error, rethrows it, and hands the pool a clean client', async () => {
    const workspaceId = randomUUID();
    const failure = inPgTransaction(db, async (session) => {
      await insert(session, workspaceId);
      throw new Error('work failed');
    });
    await expect(failure).rejects.toThrow('work failed');
    expect(await increments(workspaceId)).toBe(0);

    // Every pooled client is usable and outside any transaction afterwards.
    const states = await Promise.all(
      Array.from({ length: 20 }, () => inPgTransaction(db, async (session) => (await session.query('SELECT 1 AS one')).rows[0])),
    );
    expect(states).toHaveLength(20);
    const idleInTransaction = await db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`,
    );
    expect(idleInTransaction[0].n).toBe(0);
    // A client released mid-transaction would have committed the failed work with its next COMMIT.
    expect(await increments(workspaceId)).toBe(0);
  });
});
