import { createTestApp, GLOBAL_KEYS, KEYLESS_TABLES, TestApp, workspaceKeyViolations } from '@app/testing';

// Every key of a workspace-owned table starts with (or at least contains) workspace_id, so no key
// relates or collides rows of two workspaces. The rule is read from the Postgres catalog, so a
// table added later is held to it without anyone listing it here.
describe('workspace keys', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('every table with a workspace_id column has it in its primary key and unique indexes', async () => {
    expect(await workspaceKeyViolations(t.db)).toEqual([]);
  });

  it('the allow-lists name only keys and tables that exist', async () => {
    const indexes = await t.db.query<{ name: string }>(
      `SELECT c.relname || '.' || ic.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid`,
    );
    const names = new Set(indexes.map((row) => row.name));
    for (const key of Object.keys(GLOBAL_KEYS)) expect(names).toContain(key);
    const tables = new Set((await t.db.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relkind IN ('r', 'p')`)).map((r) => r.relname));
    for (const table of Object.keys(KEYLESS_TABLES)) expect(tables).toContain(table);
  });

  it('fails on a table whose keys leave workspace_id out', async () => {
    const schema = `scratch_keys_${process.pid}`;
    await t.db.query(`CREATE SCHEMA ${schema}`);
    try {
      await t.db.query(`CREATE TABLE ${schema}.widgets (id uuid PRIMARY KEY, workspace_id uuid NOT NULL, name text UNIQUE)`);
      await t.db.query(`CREATE TABLE ${schema}.gadgets (workspace_id uuid NOT NULL, name text)`);
      await t.db.query(`CREATE TABLE ${schema}.scoped (workspace_id uuid NOT NULL, id uuid, name text, PRIMARY KEY (workspace_id, id), UNIQUE (name, workspace_id))`);
      await t.db.query(`CREATE TABLE ${schema}.global (id uuid PRIMARY KEY)`);
      // A day-partitioned table is judged by its parent; its partitions inherit the keys.
      await t.db.query(`CREATE TABLE ${schema}.dated (workspace_id uuid NOT NULL, id uuid, day date, PRIMARY KEY (id, day)) PARTITION BY RANGE (day)`);
      await t.db.query(`CREATE TABLE ${schema}.dated_p20261203 PARTITION OF ${schema}.dated FOR VALUES FROM ('2026-12-03') TO ('2026-12-04')`);
      await t.db.query(
        `CREATE TABLE ${schema}.dated_keyed (workspace_id uuid NOT NULL, id uuid, day date, PRIMARY KEY (workspace_id, id, day)) PARTITION BY RANGE (day)`,
      );
      await t.db.query(`CREATE TABLE ${schema}.dated_keyed_p20261203 PARTITION OF ${schema}.dated_keyed FOR VALUES FROM ('2026-12-03') TO ('2026-12-04')`);
      expect(await workspaceKeyViolations(t.db, schema)).toEqual([
        'gadgets: no primary key',
        'dated.dated_pkey: unique without workspace_id',
        'widgets.widgets_name_key: unique without workspace_id',
        'widgets.widgets_pkey: unique without workspace_id',
      ]);
    } finally {
      await t.db.query(`DROP SCHEMA ${schema} CASCADE`);
    }
  });

  // The same walk the first test runs (schema public), on a table added beside the migrated ones
  // in this file's own database: a later migration that forgets workspace_id fails that test.
  it('fails when a migrated schema gains a table whose primary key leaves workspace_id out', async () => {
    const table = `scratch_unkeyed_${process.pid}`;
    await t.db.query(`CREATE TABLE public.${table} (id uuid PRIMARY KEY, workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE)`);
    try {
      expect(await workspaceKeyViolations(t.db)).toEqual([`${table}.${table}_pkey: unique without workspace_id`]);
    } finally {
      await t.db.query(`DROP TABLE public.${table}`);
    }
    expect(await workspaceKeyViolations(t.db)).toEqual([]);
  });
});
