import { Injectable } from '@nestjs/common';
import { CombinedStatement, StatementResult } from '@app/core';
import { KnownClickIds } from './click-id.restorer';

interface ClickIdRow {
  identity: string;
  ttclid: string | null;
  ttclid_at: number | null;
  ttp: string | null;
  ttp_at: number | null;
}

// The click_ids table: identity -> latest ttclid/ttp, read and written set-wise, each as a part of the
// ingest writer's statements. `identity` leads the primary key so a lookup is one index probe
// per identity whatever the planner believes about the workspace's size.
@Injectable()
export class ClickIdsRepository {
  addLoad(statement: CombinedStatement, identities: string[]): (result: StatementResult) => Map<string, KnownClickIds> {
    if (identities.length === 0) return () => new Map();
    const rows = statement.output<ClickIdRow>(
      'click_ids_known',
      `SELECT identity, ttclid, extract(epoch FROM ttclid_captured_at)::bigint AS ttclid_at,
              ttp, extract(epoch FROM ttp_captured_at)::bigint AS ttp_at
         FROM click_ids WHERE identity = ANY(${statement.param([...new Set(identities)], 'text[]')})
          AND workspace_id = ${statement.workspace}`,
    );
    return (result) => {
      const known = new Map<string, KnownClickIds>();
      for (const row of result.rows(rows)) {
        known.set(row.identity, {
          ttclid: row.ttclid ?? undefined,
          ttclidAt: row.ttclid_at === null ? undefined : Number(row.ttclid_at),
          ttp: row.ttp ?? undefined,
          ttpAt: row.ttp_at === null ? undefined : Number(row.ttp_at),
        });
      }
      return known;
    };
  }

  // Keeps whichever value was captured later, so concurrent batches cannot move a visitor back
  // to an older click. Identities are written in sorted order so two batches never deadlock.
  addRemember(statement: CombinedStatement, entries: Map<string, KnownClickIds>): void {
    if (entries.size === 0) return;
    const identities = [...entries.keys()].sort();
    const column = <K extends keyof KnownClickIds>(key: K, cast: string) =>
      statement.param(
        identities.map((id) => entries.get(id)?.[key] ?? null),
        cast,
      );
    statement.with(
      'click_ids_written',
      `INSERT INTO click_ids AS c (workspace_id, identity, ttclid, ttclid_captured_at, ttp, ttp_captured_at)
         SELECT ${statement.workspace}, i.identity, i.ttclid, to_timestamp(i.ttclid_at), i.ttp, to_timestamp(i.ttp_at)
           FROM unnest(${statement.param(identities, 'text[]')}, ${column('ttclid', 'text[]')}, ${column('ttclidAt', 'bigint[]')},
                       ${column('ttp', 'text[]')}, ${column('ttpAt', 'bigint[]')})
             AS i(identity, ttclid, ttclid_at, ttp, ttp_at)
       ON CONFLICT (workspace_id, identity) DO UPDATE SET
         ttclid = CASE WHEN EXCLUDED.ttclid_captured_at > coalesce(c.ttclid_captured_at, '-infinity') THEN EXCLUDED.ttclid ELSE c.ttclid END,
         ttclid_captured_at = greatest(c.ttclid_captured_at, EXCLUDED.ttclid_captured_at),
         ttp = CASE WHEN EXCLUDED.ttp_captured_at > coalesce(c.ttp_captured_at, '-infinity') THEN EXCLUDED.ttp ELSE c.ttp END,
         ttp_captured_at = greatest(c.ttp_captured_at, EXCLUDED.ttp_captured_at),
         updated_at = now()`,
    );
  }
}
