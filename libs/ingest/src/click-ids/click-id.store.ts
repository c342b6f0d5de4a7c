import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { KnownClickIds } from './click-id.restorer';

// The identity -> latest ttclid/ttp table, read and written set-wise: one statement per batch.
@Injectable()
export class ClickIdStore {
  async load(manager: EntityManager, workspaceId: string, identities: string[]): Promise<Map<string, KnownClickIds>> {
    const known = new Map<string, KnownClickIds>();
    if (identities.length === 0) return known;
    const rows: Array<{ identity: string; ttclid: string | null; ttclid_at: number | null; ttp: string | null; ttp_at: number | null }> =
      await manager.query(
        `SELECT identity, ttclid, extract(epoch FROM ttclid_captured_at)::bigint AS ttclid_at,
                ttp, extract(epoch FROM ttp_captured_at)::bigint AS ttp_at
           FROM click_ids WHERE workspace_id = $1 AND identity = ANY($2::text[])`,
        [workspaceId, [...new Set(identities)]],
      );
    for (const row of rows) {
      known.set(row.identity, {
        ttclid: row.ttclid ?? undefined,
        ttclidAt: row.ttclid_at === null ? undefined : Number(row.ttclid_at),
        ttp: row.ttp ?? undefined,
        ttpAt: row.ttp_at === null ? undefined : Number(row.ttp_at),
      });
    }
    return known;
  }

  // Keeps whichever value was captured later, so concurrent batches cannot move a visitor back
  // to an older click. Identities are written in sorted order so two batches never deadlock.
  async remember(manager: EntityManager, workspaceId: string, entries: Map<string, KnownClickIds>): Promise<void> {
    if (entries.size === 0) return;
    const identities = [...entries.keys()].sort();
    const column = <K extends keyof KnownClickIds>(key: K) => identities.map((id) => entries.get(id)?.[key] ?? null);
    await manager.query(
      `INSERT INTO click_ids AS c (workspace_id, identity, ttclid, ttclid_captured_at, ttp, ttp_captured_at)
         SELECT $1, i.identity, i.ttclid, to_timestamp(i.ttclid_at), i.ttp, to_timestamp(i.ttp_at)
           FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::bigint[])
             AS i(identity, ttclid, ttclid_at, ttp, ttp_at)
       ON CONFLICT (workspace_id, identity) DO UPDATE SET
         ttclid = CASE WHEN EXCLUDED.ttclid_captured_at > coalesce(c.ttclid_captured_at, '-infinity') THEN EXCLUDED.ttclid ELSE c.ttclid END,
         ttclid_captured_at = greatest(c.ttclid_captured_at, EXCLUDED.ttclid_captured_at),
         ttp = CASE WHEN EXCLUDED.ttp_captured_at > coalesce(c.ttp_captured_at, '-infinity') THEN EXCLUDED.ttp ELSE c.ttp END,
         ttp_captured_at = greatest(c.ttp_captured_at, EXCLUDED.ttp_captured_at),
         updated_at = now()`,
      [workspaceId, identities, column('ttclid'), column('ttclidAt'), column('ttp'), column('ttpAt')],
    );
  }
}
