import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { revertAllMigrations, runMigrations } from '../../libs/core/src/database/migration.runner';
import { ALL_MIGRATIONS } from '../../migrations';
import { databaseUrlFor, expectSnapshotFile, runId, withAdminClient } from '@app/testing';

const SNAPSHOT = join(__dirname, 'schema.snapshot.sql');

// The schema as pg_dump prints it, without what changes from one machine or run to the next:
// comments (versions, names), SET lines, pg_dump's \restrict keys and blank lines, and the day
// partitions (`<table>_pYYYYMMDD`, dated by the day the migration ran; their parents are in it).
function schemaOf(databaseUrl: string): string {
  let dump: string;
  try {
    dump = execFileSync('pg_dump', ['--schema-only', '--no-owner', '--no-privileges', '--no-comments', '--exclude-table=public.*_p[0-9]*', databaseUrl], { encoding: 'utf8' });
  } catch (error) {
    throw new Error(`pg_dump failed (it comes with Debian's postgresql-client, at least the server's version): ${(error as Error).message}`);
  }
  return `${dump
    .split('\n')
    .filter((line) => !/^(--|SET |SELECT pg_catalog\.set_config|\\(un)?restrict )/.test(line) && line.trim() !== '')
    .join('\n')}\n`;
}

// Every migration's up and down really run: all up on an empty database, all down (leaving only
// the migrations table), all up again, and the result equals the committed schema snapshot, so a
// schema change nobody planned (or a migration edited after it shipped) fails here.
describe('migrations', () => {
  const name = `tl_test_${runId()}_migrations`;
  const url = databaseUrlFor(name);

  beforeAll(() => withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`)));
  afterAll(() => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));

  it('go up, all the way down, and up again to the committed schema', async () => {
    const empty = schemaOf(url);
    expect(await runMigrations(url)).toHaveLength(ALL_MIGRATIONS.length);
    const first = schemaOf(url);

    expect(await revertAllMigrations(url)).toBe(ALL_MIGRATIONS.length);
    const down = schemaOf(url);
    // Nothing but TypeORM's own bookkeeping table is left.
    expect(down.match(/^CREATE \w+( \w+)* [\w.]+/gm)).toEqual(['CREATE TABLE public.migrations', 'CREATE SEQUENCE public.migrations_id_seq']);
    expect(empty).not.toContain('CREATE TABLE');

    expect(await runMigrations(url)).toHaveLength(ALL_MIGRATIONS.length);
    const again = schemaOf(url);
    expect(again).toBe(first);

    expectSnapshotFile(SNAPSHOT, again, 'The migrated schema (if a new migration meant this, the snapshot follows it)', 'npx jest test/migrations');
  });
});
