import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface DedupCandidate {
  eventId: string;
  // The id the event will have if it is accepted.
  ref: string;
}

export type DedupVerdict = { accepted: true } | { accepted: false; originalRef: string };

// Claims (workspace, event_id) pairs in one statement. The primary key decides who is first, so
// 20 concurrent requests with one event_id yield exactly one acceptance, with no read-then-write.
// A claim older than the window is taken over (the same event_id may be reused after 48 h).
@Injectable()
export class EventDedupStore {
  async claim(
    manager: EntityManager,
    workspaceId: string,
    candidates: DedupCandidate[],
    windowHours: number,
  ): Promise<Map<string, DedupVerdict>> {
    const verdicts = new Map<string, DedupVerdict>();
    // Repeats inside one batch: the first occurrence competes, the rest are its duplicates.
    const first = new Map<string, DedupCandidate>();
    for (const candidate of candidates) if (!first.has(candidate.eventId)) first.set(candidate.eventId, candidate);
    if (first.size === 0) return verdicts;

    const unique = [...first.values()];
    const claimed: Array<{ event_id: string }> = await manager.query(
      `INSERT INTO event_dedup AS d (workspace_id, event_id, event_ref)
         SELECT $1, c.event_id, c.event_ref FROM unnest($2::text[], $3::uuid[]) AS c(event_id, event_ref)
       ON CONFLICT (workspace_id, event_id) DO UPDATE
         SET event_ref = EXCLUDED.event_ref, first_seen_at = now()
         WHERE d.first_seen_at < now() - make_interval(hours => $4)
       RETURNING d.event_id`,
      [workspaceId, unique.map((c) => c.eventId), unique.map((c) => c.ref), windowHours],
    );
    const won = new Set(claimed.map((row) => row.event_id));
    const lost = unique.filter((c) => !won.has(c.eventId)).map((c) => c.eventId);
    const originals = new Map<string, string>();
    if (lost.length > 0) {
      const rows: Array<{ event_id: string; event_ref: string }> = await manager.query(
        'SELECT event_id, event_ref FROM event_dedup WHERE workspace_id = $1 AND event_id = ANY($2::text[])',
        [workspaceId, lost],
      );
      for (const row of rows) originals.set(row.event_id, row.event_ref);
    }
    for (const candidate of candidates) {
      const winner = first.get(candidate.eventId) as DedupCandidate;
      if (candidate === winner && won.has(candidate.eventId)) verdicts.set(candidate.ref, { accepted: true });
      else {
        const originalRef = won.has(candidate.eventId) ? winner.ref : (originals.get(candidate.eventId) ?? winner.ref);
        verdicts.set(candidate.ref, { accepted: false, originalRef });
      }
    }
    return verdicts;
  }
}
