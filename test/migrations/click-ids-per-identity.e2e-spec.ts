import { revertThrough, runMigrations } from '../../libs/core/src/database/migration.runner';
import { databaseUrlFor, oneShotQuery, runId, withAdminClient } from '@app/testing';
import { ClickIdsPerIdentity1796160900000 } from '../../migrations/1796160900000-ClickIdsPerIdentity';

const WORKSPACE = '00000000-0000-4000-8000-0000000000aa';
const OTHER = '00000000-0000-4000-8000-0000000000bb';

// The click id store's move from a row per identity and kind to a row per identity carries every
// kind across (a plug-in platform's too), and its down puts the rows per kind back.
describe('migration ClickIdsPerIdentity', () => {
  const name = `tl_test_${runId()}_click_ids_per_identity`;
  const url = databaseUrlFor(name);
  const query = oneShotQuery(url);
  const revertClickIdsPerIdentity = () => revertThrough(url, ClickIdsPerIdentity1796160900000.name);
  const byKind = () =>
    query(`SELECT workspace_id, identity, kind, value, captured_at AT TIME ZONE 'UTC' AS at FROM click_ids ORDER BY workspace_id, identity, kind`);

  beforeAll(() => withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`)));
  afterAll(() => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));

  it('groups the rows per kind into one row per identity and back', async () => {
    await runMigrations(url);
    await revertClickIdsPerIdentity();
    await query(`
      INSERT INTO click_ids (workspace_id, identity, kind, value, captured_at) VALUES
        ('${WORKSPACE}', 'anon:v1', 'ttclid', 'E.C.P.one', '2026-11-20T10:00:00Z'),
        ('${WORKSPACE}', 'anon:v1', 'ttp', 'ttp-one', '2026-11-20T10:00:01Z'),
        ('${WORKSPACE}', 'anon:v1', 'fkclid', 'FK-1', '2026-11-19T08:00:00Z'),
        ('${WORKSPACE}', 'email:h', 'fbp', 'fb.1.1.2', '2026-11-21T10:00:00Z'),
        ('${OTHER}', 'anon:v1', 'ttclid', 'E.C.P.theirs', '2026-11-22T10:00:00Z')`);
    const before = await byKind();

    await runMigrations(url);
    expect(
      await query(`SELECT workspace_id, identity, ids, oldest_captured_at AT TIME ZONE 'UTC' AS oldest FROM click_ids ORDER BY workspace_id, identity`),
    ).toEqual([
      {
        workspace_id: WORKSPACE,
        identity: 'anon:v1',
        ids: {
          ttclid: ['E.C.P.one', Date.parse('2026-11-20T10:00:00Z') / 1000],
          ttp: ['ttp-one', Date.parse('2026-11-20T10:00:01Z') / 1000],
          fkclid: ['FK-1', Date.parse('2026-11-19T08:00:00Z') / 1000],
        },
        oldest: new Date('2026-11-19T08:00:00'),
      },
      { workspace_id: WORKSPACE, identity: 'email:h', ids: { fbp: ['fb.1.1.2', Date.parse('2026-11-21T10:00:00Z') / 1000] }, oldest: new Date('2026-11-21T10:00:00') },
      { workspace_id: OTHER, identity: 'anon:v1', ids: { ttclid: ['E.C.P.theirs', Date.parse('2026-11-22T10:00:00Z') / 1000] }, oldest: new Date('2026-11-22T10:00:00') },
    ]);

    await revertClickIdsPerIdentity();
    expect(await byKind()).toEqual(before);
    expect(before).toHaveLength(5);
  });
});
