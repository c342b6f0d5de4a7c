import { TestDatabase } from './test-database';

// Keys that are global by design, each with why. Anything else unique on a table with a
// workspace_id column must include workspace_id.
export const GLOBAL_KEYS: Record<string, string> = {
  // A request carries only its ingest key: the hash must find exactly one key in any workspace.
  'ingest_keys.ingest_keys_key_hash_key': 'an ingest key hash identifies its workspace',
  // An invitation link carries only its token: the hash must find exactly one invitation.
  'invitations.invitations_token_hash_key': 'an invitation token identifies its workspace',
};

// Workspace-owned tables allowed without a primary key, each with why.
export const KEYLESS_TABLES: Record<string, string> = {
  // A queue of increments the metrics roll-up folds and deletes by workspace and time; no row is
  // ever addressed on its own.
  metric_increments: 'append-only queue folded by the metrics roll-up',
};

// Tables (not partitions: those inherit their parent's keys) with a workspace_id column in
// `schema`, and what breaks the rule: no primary key, or a unique index without workspace_id.
export async function workspaceKeyViolations(db: TestDatabase, schema = 'public'): Promise<string[]> {
  const tables = await db.query<{ table: string; has_pkey: boolean }>(
    `SELECT c.relname AS table, EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary) AS has_pkey
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
    [schema],
  );
  const keys = await db.query<{ table: string; index: string }>(
    `SELECT c.relname AS table, ic.relname AS index
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND i.indisunique
        AND NOT (a.attnum = ANY (i.indkey::int2[]))
      ORDER BY c.relname, ic.relname`,
    [schema],
  );
  return [
    ...tables.filter((t) => !t.has_pkey && !(t.table in KEYLESS_TABLES)).map((t) => `${t.table}: no primary key`),
    ...keys.filter((k) => !(`${k.table}.${k.index}` in GLOBAL_KEYS)).map((k) => `${k.table}.${k.index}: unique without workspace_id`),
  ];
}
