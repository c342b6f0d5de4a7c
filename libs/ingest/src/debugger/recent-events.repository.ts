import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NormalizedEvent } from '@app/core';

export interface RecentEventRow {
  id: string;
  eventId: string;
  eventName: string;
  eventTime: Date;
  receivedAt: Date;
  ttclidRestored: boolean;
  ttpRestored: boolean;
  event: NormalizedEvent;
}

// The events debugger's reads. Sizes come first, without payloads, so a page of large events is
// cut before any of them reaches this process's heap.
@Injectable()
export class RecentEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  // Newest first: each event's id and the size of its payload as JSON text.
  sizes(workspaceId: string, eventId: string | undefined, limit: number): Promise<Array<{ id: string; bytes: number }>> {
    return this.dataSource.query(
      `SELECT id, octet_length(payload::text) AS bytes
         FROM events
        WHERE workspace_id = $1
          AND ($2::text IS NULL OR id IN (SELECT event_ref FROM event_dedup WHERE workspace_id = $1 AND event_id = $2))
        ORDER BY received_at DESC, id LIMIT $3`,
      [workspaceId, eventId ?? null, limit],
    );
  }

  rows(workspaceId: string, ids: string[]): Promise<RecentEventRow[]> {
    return this.dataSource.query(
      `SELECT id, event_id AS "eventId", event_name AS "eventName", event_time AS "eventTime", received_at AS "receivedAt",
              ttclid_restored AS "ttclidRestored", ttp_restored AS "ttpRestored", payload AS event
         FROM events
        WHERE workspace_id = $1 AND id = ANY($2::uuid[])
        ORDER BY received_at DESC, id`,
      [workspaceId, ids],
    );
  }
}
