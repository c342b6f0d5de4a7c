import { Injectable } from '@nestjs/common';
import { CombinedStatement, Database, StatementResult } from '@app/core';
import { KnownClickIds, StoredClickId } from './click-id.restorer';

interface ClickIdRow {
  identity: string;
  kind: string;
  value: string;
  captured_at: number;
}

export type ClickIdChange = { identity: string; kind: string } & StoredClickId;

// The click_ids table: (identity, kind) -> the value captured for it, read and written set-wise,
// each as a part of the ingest writer's statements.
@Injectable()
export class ClickIdsRepository {
  constructor(private readonly db: Database) {}

  addLoad(statement: CombinedStatement, identities: string[]): (result: StatementResult) => Map<string, KnownClickIds> {
    if (identities.length === 0) return () => new Map();
    const rows = statement.output<ClickIdRow>(
      'click_ids_known',
      `SELECT identity, kind, value, extract(epoch FROM captured_at)::bigint AS captured_at
         FROM click_ids WHERE workspace_id = ${statement.workspace}
          AND identity = ANY(${statement.param([...new Set(identities)], 'text[]')})`,
    );
    return (result) => {
      const known = new Map<string, KnownClickIds>();
      for (const row of result.rows(rows)) {
        const entry = known.get(row.identity) ?? {};
        entry[row.kind] = { value: row.value, capturedAt: Number(row.captured_at) };
        known.set(row.identity, entry);
      }
      return known;
    };
  }

  // Writes only what changes the stored row: a concurrent batch may have stored a later capture,
  // or the same value, meanwhile, and then the row stays as it is. Rows are written in key order
  // so two batches never deadlock.
  addRemember(statement: CombinedStatement, changes: ClickIdChange[]): void {
    if (changes.length === 0) return;
    const rows = [...changes].sort((a, b) => (a.identity === b.identity ? (a.kind < b.kind ? -1 : 1) : a.identity < b.identity ? -1 : 1));
    statement.with(
      'click_ids_written',
      `INSERT INTO click_ids AS c (workspace_id, identity, kind, value, captured_at)
         SELECT ${statement.workspace}, i.identity, i.kind, i.value, to_timestamp(i.captured_at)
           FROM unnest(${statement.param(
             rows.map((row) => row.identity),
             'text[]',
           )}, ${statement.param(
             rows.map((row) => row.kind),
             'text[]',
           )}, ${statement.param(
             rows.map((row) => row.value),
             'text[]',
           )}, ${statement.param(
             rows.map((row) => row.capturedAt),
             'bigint[]',
           )}) AS i(identity, kind, value, captured_at)
       ON CONFLICT (workspace_id, identity, kind) DO UPDATE SET value = EXCLUDED.value, captured_at = EXCLUDED.captured_at
         WHERE c.value <> EXCLUDED.value AND c.captured_at <= EXCLUDED.captured_at`,
    );
  }

  // Deletes up to `limit` click ids, of any workspace, captured before `before`: the pruning job's
  // bounded step, so no statement holds locks or bloats WAL for long beside the ingest writes.
  async pruneCapturedBefore(before: Date, limit: number): Promise<number> {
    return this.db.acrossWorkspaces('click-id-pruning').execute(
      `DELETE FROM click_ids WHERE (workspace_id, identity, kind) IN (
         SELECT workspace_id, identity, kind FROM click_ids WHERE captured_at < $1 ORDER BY captured_at LIMIT $2)`,
      [before, limit],
    );
  }
}
