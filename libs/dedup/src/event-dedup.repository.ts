import { Injectable } from '@nestjs/common';
import { CombinedStatement, Database, StatementResult, Transaction, WorkspaceId } from '@app/core';

export interface DedupCandidate {
  eventId: string;
  // The id the event will have if it is accepted.
  ref: string;
}

export type DedupVerdict = { accepted: true } | { accepted: false; originalRef: string };

export interface PendingDedupClaim {
  // Reads the verdicts out of the statement's result, once it has run in transaction `tx`.
  verdicts(result: StatementResult, tx: Transaction): Promise<Map<string, DedupVerdict>>;
}

// The event_dedup table. Claims (workspace, event_id) pairs as part of one statement. The primary key decides who is
// first, so 20 concurrent requests with one event_id yield exactly one acceptance, with no
// read-then-write. A claim older than the window is taken over (an event_id may be reused after 48 h).
@Injectable()
export class EventDedupRepository {
  constructor(private readonly db: Database) {}

  // The accepted event that claimed this event_id (the events debugger's search).
  async refOf(workspaceId: WorkspaceId, eventId: string): Promise<string | undefined> {
    const row = await this.db
      .forWorkspace(workspaceId)
      .one<{ event_ref: string }>('SELECT event_ref FROM event_dedup WHERE event_id = $2 AND workspace_id = $1', [eventId]);
    return row?.event_ref;
  }

  // Deletes up to `limit` of the workspace's claims older than its dedup window; returns how many.
  // Such a claim no longer blocks its event_id (addClaim takes it over), so only storage changes.
  pruneExpired(workspaceId: WorkspaceId, windowHours: number, limit: number): Promise<number> {
    return this.db.forWorkspace(workspaceId).execute(
      `DELETE FROM event_dedup WHERE workspace_id = $1 AND ctid = ANY (ARRAY(
         SELECT ctid FROM event_dedup WHERE workspace_id = $1 AND first_seen_at < now() - make_interval(hours => $2) LIMIT $3))`,
      [windowHours, limit],
    );
  }

  addClaim(statement: CombinedStatement, candidates: DedupCandidate[], windowHours: number): PendingDedupClaim {
    // Repeats inside one batch: the first occurrence competes, the rest are its duplicates.
    const first = new Map<string, DedupCandidate>();
    for (const candidate of candidates) if (!first.has(candidate.eventId)) first.set(candidate.eventId, candidate);
    if (first.size === 0) return { verdicts: async () => new Map() };

    const unique = [...first.values()];
    const workspace = statement.workspace;
    const eventIds = statement.param(
      unique.map((c) => c.eventId),
      'text[]',
    );
    statement.with(
      'dedup_claimed',
      `INSERT INTO event_dedup AS d (workspace_id, event_id, event_ref)
         SELECT ${workspace}, c.event_id, c.event_ref FROM unnest(${eventIds}, ${statement.param(
           unique.map((c) => c.ref),
           'uuid[]',
         )}) AS c(event_id, event_ref)
       ON CONFLICT (workspace_id, event_id) DO UPDATE
         SET event_ref = EXCLUDED.event_ref, first_seen_at = now()
         WHERE d.first_seen_at < now() - make_interval(hours => ${statement.param(windowHours, 'int')})
       RETURNING d.event_id`,
    );
    const claimed = statement.output<{ event_id: string }>('dedup_claimed_ids', 'SELECT event_id FROM dedup_claimed');
    // The statement sees claims committed before it began; a claim committed by a concurrent
    // transaction while it ran is read afterwards (below).
    const originals = statement.output<{ event_id: string; event_ref: string }>(
      'dedup_originals',
      `SELECT d.event_id, d.event_ref
         FROM (SELECT unnest(${eventIds}) AS event_id EXCEPT SELECT event_id FROM dedup_claimed) lost
         JOIN event_dedup d ON d.event_id = lost.event_id AND d.workspace_id = ${workspace}`,
    );

    return {
      verdicts: async (result, tx) => {
        const won = new Set(result.rows(claimed).map((row) => row.event_id));
        const originalRefs = new Map(result.rows(originals).map((row) => [row.event_id, row.event_ref]));
        const unseen = unique.filter((c) => !won.has(c.eventId) && !originalRefs.has(c.eventId)).map((c) => c.eventId);
        if (unseen.length > 0) {
          const rows = await tx
            .forWorkspace(statement.workspaceId)
            .many<{ event_id: string; event_ref: string }>('SELECT event_id, event_ref FROM event_dedup WHERE event_id = ANY($2::text[]) AND workspace_id = $1', [
              unseen,
            ]);
          for (const row of rows) originalRefs.set(row.event_id, row.event_ref);
        }
        return dedupVerdicts(candidates, first, won, originalRefs);
      },
    };
  }
}

function dedupVerdicts(
  candidates: DedupCandidate[],
  first: Map<string, DedupCandidate>,
  won: Set<string>,
  originalRefs: Map<string, string>,
): Map<string, DedupVerdict> {
  const verdicts = new Map<string, DedupVerdict>();
  for (const candidate of candidates) {
    const winner = first.get(candidate.eventId) as DedupCandidate;
    if (candidate === winner && won.has(candidate.eventId)) verdicts.set(candidate.ref, { accepted: true });
    else {
      const originalRef = won.has(candidate.eventId) ? winner.ref : (originalRefs.get(candidate.eventId) ?? winner.ref);
      verdicts.set(candidate.ref, { accepted: false, originalRef });
    }
  }
  return verdicts;
}
