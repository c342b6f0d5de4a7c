import { revertLastMigration, runMigrations } from '../../libs/core/src/database/migration.runner';
import { databaseUrlFor, oneShotQuery, runId, withAdminClient } from '@app/testing';
import { ALL_MIGRATIONS } from '../../migrations';
import { ClickIdsByKind1796160000000 } from '../../migrations/1796160000000-ClickIdsByKind';
import { ClickIdsPerIdentity1796160900000 } from '../../migrations/1796160900000-ClickIdsPerIdentity';

const WORKSPACE = '00000000-0000-4000-8000-0000000000aa';

// The click id store's move from a ttclid/ttp column pair to one row per kind carries the rows
// across, and its down puts the ttclid/ttp rows back as they were (other kinds have no column).
describe('migration ClickIdsByKind', () => {
  const name = `tl_test_${runId()}_click_ids_by_kind`;
  const url = databaseUrlFor(name);
  const query = oneShotQuery(url);

  // Reverts `migration` and every migration applied after it, of the first `applied` ones.
  const revertThrough = async (migration: (typeof ALL_MIGRATIONS)[number], applied = ALL_MIGRATIONS.length): Promise<void> => {
    const after = applied - ALL_MIGRATIONS.indexOf(migration);
    for (let i = 0; i < after; i++) await revertLastMigration(url);
  };

  beforeAll(() => withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`)));
  afterAll(() => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));

  it('moves ttclid and ttp rows into kinds and back', async () => {
    await runMigrations(url);
    await revertThrough(ClickIdsByKind1796160000000);
    await query(`
      INSERT INTO click_ids (workspace_id, identity, ttclid, ttclid_captured_at, ttp, ttp_captured_at) VALUES
        ('${WORKSPACE}', 'anon:v1', 'E.C.P.one', '2026-11-20T10:00:00Z', 'ttp-one', '2026-11-20T10:00:01Z'),
        ('${WORKSPACE}', 'email:h', 'E.C.P.two', '2026-11-21T10:00:00Z', NULL, NULL),
        ('${WORKSPACE}', 'anon:v2', NULL, NULL, 'ttp-two', '2026-11-22T10:00:00Z')`);

    await runMigrations(url);
    // ClickIdsPerIdentity (tested on its own) later made it a row per identity.
    await revertThrough(ClickIdsPerIdentity1796160900000);
    expect(
      await query(`SELECT identity, kind, value, captured_at AT TIME ZONE 'UTC' AS at FROM click_ids ORDER BY identity, kind`),
    ).toEqual([
      { identity: 'anon:v1', kind: 'ttclid', value: 'E.C.P.one', at: new Date('2026-11-20T10:00:00') },
      { identity: 'anon:v1', kind: 'ttp', value: 'ttp-one', at: new Date('2026-11-20T10:00:01') },
      { identity: 'anon:v2', kind: 'ttp', value: 'ttp-two', at: new Date('2026-11-22T10:00:00') },
      { identity: 'email:h', kind: 'ttclid', value: 'E.C.P.two', at: new Date('2026-11-21T10:00:00') },
    ]);
    await query(`INSERT INTO click_ids (workspace_id, identity, kind, value, captured_at) VALUES ('${WORKSPACE}', 'anon:v1', 'fbp', 'fb.1.1.2', now())`);

    await revertThrough(ClickIdsByKind1796160000000, ALL_MIGRATIONS.indexOf(ClickIdsPerIdentity1796160900000));
    expect(
      await query(`SELECT identity, ttclid, ttclid_captured_at AT TIME ZONE 'UTC' AS ttclid_at, ttp, ttp_captured_at AT TIME ZONE 'UTC' AS ttp_at
                     FROM click_ids ORDER BY identity`),
    ).toEqual([
      { identity: 'anon:v1', ttclid: 'E.C.P.one', ttclid_at: new Date('2026-11-20T10:00:00'), ttp: 'ttp-one', ttp_at: new Date('2026-11-20T10:00:01') },
      { identity: 'anon:v2', ttclid: null, ttclid_at: null, ttp: 'ttp-two', ttp_at: new Date('2026-11-22T10:00:00') },
      { identity: 'email:h', ttclid: 'E.C.P.two', ttclid_at: new Date('2026-11-21T10:00:00'), ttp: null, ttp_at: null },
    ]);
  });
});
