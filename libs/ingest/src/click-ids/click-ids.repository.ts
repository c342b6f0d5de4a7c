import { Injectable } from '@nestjs/common';
import { CombinedStatement, Database, StatementResult } from '@app/core';
import { KnownClickIds } from './click-id.restorer';
import { ClickIdChange, fromStoredClickIds, identityClickIdsWrites, StoredClickIdsJson } from './stored-click-ids';

interface ClickIdRow {
  identity: string;
  ids: StoredClickIdsJson;
}

// Of an incoming kind `n` (jsonb_each of the written ids) against the stored row `c`: it changes
// what is stored when the row lacks the kind, or holds another value captured at the same second
// or earlier (events come in order, so the one read last is the newer click).
const CHANGES_STORED = `NOT c.ids ? n.key OR (c.ids->n.key->0 <> n.value->0 AND (c.ids->n.key->>1)::bigint <= (n.value->>1)::bigint)`;
// Of a stored kind `k`: captured at or after $1, the pruning's cut-off.
const FRESH = `to_timestamp((k.value->>1)::bigint) >= $1`;

// The click_ids table: one row per identity, `ids` holding every kind captured for it (kind ->
// [value, capture time]), read and written set-wise, each as a part of the ingest writer's statements.
@Injectable()
export class ClickIdsRepository {
  constructor(private readonly db: Database) {}

  addLoad(statement: CombinedStatement, identities: string[]): (result: StatementResult) => Map<string, KnownClickIds> {
    if (identities.length === 0) return () => new Map();
    const rows = statement.output<ClickIdRow>(
      'click_ids_known',
      `SELECT identity, ids FROM click_ids WHERE workspace_id = ${statement.workspace}
          AND identity = ANY(${statement.param([...new Set(identities)], 'text[]')})`,
    );
    return (result) => new Map(result.rows(rows).map((row) => [row.identity, fromStoredClickIds(row.ids)]));
  }

  // One row per identity that changed. A known identity's row is merged per kind in SQL, so a
  // kind another batch stored meanwhile is kept, and a kind it stored with a later capture (or the
  // same value) stays as it is; a row no incoming kind changes is not written at all. Rows are
  // written in identity order so two batches never deadlock.
  addRemember(statement: CombinedStatement, changes: ClickIdChange[]): void {
    if (changes.length === 0) return;
    const writes = identityClickIdsWrites(changes);
    statement.with(
      'click_ids_written',
      `INSERT INTO click_ids AS c (workspace_id, identity, ids, oldest_captured_at)
         SELECT ${statement.workspace}, i.identity, i.ids, to_timestamp(i.oldest_captured_at)
           FROM unnest(${statement.param(
             writes.map((write) => write.identity),
             'text[]',
           )}, ${statement.param(
             writes.map((write) => JSON.stringify(write.ids)),
             'jsonb[]',
           )}, ${statement.param(
             writes.map((write) => write.oldestCapturedAt),
             'bigint[]',
           )}) AS i(identity, ids, oldest_captured_at)
       ON CONFLICT (workspace_id, identity) DO UPDATE SET (ids, oldest_captured_at) = (
           SELECT m.ids, to_timestamp((SELECT min((k.value->>1)::bigint) FROM jsonb_each(m.ids) AS k))
             FROM (SELECT c.ids || jsonb_object_agg(n.key, n.value) AS ids FROM jsonb_each(EXCLUDED.ids) AS n WHERE ${CHANGES_STORED}) AS m)
         WHERE EXISTS (SELECT FROM jsonb_each(EXCLUDED.ids) AS n WHERE ${CHANGES_STORED})`,
    );
  }

  // Prunes up to `limit` rows, of any workspace, holding a click id captured before `before`,
  // oldest first: a row whose every kind is that old goes, the others lose only those kinds. The
  // pruning job's bounded step, so no statement holds locks or bloats WAL for long beside the
  // ingest writes. A row an ingest write refreshed meanwhile is rechecked on its new version.
  async pruneCapturedBefore(before: Date, limit: number): Promise<number> {
    const pruned = await this.db.acrossWorkspaces('click-id-pruning').one<{ pruned: number }>(
      `WITH due AS (
         SELECT workspace_id, identity FROM click_ids WHERE oldest_captured_at < $1 ORDER BY oldest_captured_at LIMIT $2),
       removed AS (
         DELETE FROM click_ids AS c USING due WHERE c.workspace_id = due.workspace_id AND c.identity = due.identity
            AND NOT EXISTS (SELECT FROM jsonb_each(c.ids) AS k WHERE ${FRESH}) RETURNING 1),
       trimmed AS (
         UPDATE click_ids AS c SET (ids, oldest_captured_at) = (
             SELECT jsonb_object_agg(k.key, k.value), to_timestamp(min((k.value->>1)::bigint)) FROM jsonb_each(c.ids) AS k WHERE ${FRESH})
           FROM due WHERE c.workspace_id = due.workspace_id AND c.identity = due.identity AND c.oldest_captured_at < $1
            AND EXISTS (SELECT FROM jsonb_each(c.ids) AS k WHERE ${FRESH}) RETURNING 1)
       SELECT ((SELECT count(*) FROM removed) + (SELECT count(*) FROM trimmed))::int AS pruned`,
      [before, limit],
    );
    return pruned?.pruned ?? 0;
  }
}
