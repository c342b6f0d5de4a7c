import { Injectable } from '@nestjs/common';
import { CombinedStatement, Database, NormalizedEvent, PartitionKeyRange, SqlSession, WorkspaceId } from '@app/core';

export interface NewEvent {
  id: string;
  ingestKeyId: string;
  event: NormalizedEvent;
  ttclidRestored: boolean;
  ttpRestored: boolean;
}

export interface StoredEvent {
  id: string;
  eventId: string;
  eventName: string;
  eventTime: Date;
  receivedAt: Date;
  ttclidRestored: boolean;
  ttpRestored: boolean;
  event: NormalizedEvent;
}

// A page cursor over received_at: Postgres's text of it, microseconds kept (see receivedBetween).
export interface ReceivedCursor {
  id: string;
  receivedAt: string;
}

export interface EventSearch {
  ids?: string[];
  eventName?: string;
  from?: Date;
  to?: Date;
  anonymousId?: string;
  ttclid?: string;
  orderId?: string;
  // Strictly older than this (received_at, id): the cursor of the previous page.
  before?: { receivedAt: string; id: string };
  limit: number;
}

// The events table: every accepted event as TrackLayer normalized it. Ingest writes it (as a
// part of its one statement), the events debugger reads it, and delivery reads the payloads of
// the rows it claimed.
@Injectable()
export class EventsRepository {
  constructor(private readonly db: Database) {}

  // Up to `limit` of the workspace's events received in [from, to), oldest first, after `after`:
  // the pages of a connector's backfill and of the retention. The cursor's time is Postgres's
  // text, microseconds kept: one ingest transaction stamps all its events with the same
  // received_at, and a time rounded to a JavaScript millisecond would read a page of them again.
  receivedBetween(
    workspaceId: WorkspaceId,
    from: Date,
    to: Date,
    after: ReceivedCursor | undefined,
    limit: number,
  ): Promise<ReceivedCursor[]> {
    return this.db.forWorkspace(workspaceId).many(
      `SELECT id, received_at::text AS "receivedAt" FROM events
        WHERE workspace_id = $1 AND received_at >= $2 AND received_at < $3
          AND (received_at, id) > ($4::timestamptz, $5::uuid)
        ORDER BY received_at, id LIMIT $6`,
      [from, to, after?.receivedAt ?? '-infinity', after?.id ?? '00000000-0000-0000-0000-000000000000', limit],
    );
  }

  // When the workspace's newest event arrived (one index entry), for the no-traffic alert.
  async lastReceivedAt(workspaceId: WorkspaceId): Promise<Date | null> {
    const row = await this.db
      .forWorkspace(workspaceId)
      .one<{ at: Date }>('SELECT received_at AS at FROM events WHERE workspace_id = $1 ORDER BY received_at DESC LIMIT 1');
    return row?.at ?? null;
  }

  // The given events received before `receivedBefore` (which keeps the delete to the day
  // partitions before it); returns how many were deleted. No foreign key takes their deliveries
  // along: the caller deletes those first (DeliveriesRepository.deleteOfEvents).
  delete(workspaceId: WorkspaceId, ids: string[], receivedBefore: Date): Promise<number> {
    if (ids.length === 0) return Promise.resolve(0);
    return this.db
      .forWorkspace(workspaceId)
      .execute('DELETE FROM events WHERE workspace_id = $1 AND id = ANY ($2::uuid[]) AND received_at < $3', [ids, receivedBefore]);
  }

  addInsert(statement: CombinedStatement, events: NewEvent[]): void {
    if (events.length === 0) return;
    const p = (value: unknown, cast: string) => statement.param(value, cast);
    statement.with(
      'events_added',
      `INSERT INTO events (id, workspace_id, event_id, event_name, event_time, ingest_key_id, payload, ttclid_restored, ttp_restored)
       SELECT e.id, ${statement.workspace}, e.event_id, e.event_name, to_timestamp(e.event_time), e.key_id, p.payload, e.ttclid_restored, e.ttp_restored
         FROM unnest(${p(
           events.map((e) => e.id),
           'uuid[]',
         )}, ${p(
           events.map((e) => e.event.eventId),
           'text[]',
         )}, ${p(
           events.map((e) => e.event.eventName),
           'text[]',
         )}, ${p(
           events.map((e) => e.event.eventTime),
           'bigint[]',
         )}, ${p(
           events.map((e) => e.ingestKeyId),
           'uuid[]',
         )}, ${p(
           events.map((e) => e.ttclidRestored),
           'bool[]',
         )}, ${p(
           events.map((e) => e.ttpRestored),
           'bool[]',
         )})
                WITH ORDINALITY AS e(id, event_id, event_name, event_time, key_id, ttclid_restored, ttp_restored, n)
         -- One JSON array rather than a jsonb[]: pg escapes every array element in JavaScript.
         JOIN jsonb_array_elements(${p(
           JSON.stringify(events.map((e) => e.event)),
           'jsonb',
         )}) WITH ORDINALITY AS p(payload, n) USING (n)`,
    );
  }

  // The events debugger's search, newest first: ids and payload sizes of the events matching every
  // filter given. `ids` narrows to those events (found by event_id or by delivery status).
  searchSizes(workspaceId: WorkspaceId, query: EventSearch): Promise<Array<{ id: string; bytes: number; cursorTime: string }>> {
    return this.db.forWorkspace(workspaceId).many(
      `SELECT id, octet_length(payload::text) AS bytes, received_at::text AS "cursorTime"
         FROM events
        WHERE workspace_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
          AND ($3::text IS NULL OR event_name = $3)
          AND ($4::timestamptz IS NULL OR received_at >= $4) AND ($5::timestamptz IS NULL OR received_at < $5)
          AND ($6::text IS NULL OR payload->>'anonymousId' = $6)
          AND ($7::text IS NULL OR payload->'user'->>'ttclid' = $7)
          AND ($8::text IS NULL OR payload->'properties'->>'orderId' = $8)
          AND ($9::timestamptz IS NULL OR (received_at, id) < ($9, $10::uuid))
        ORDER BY received_at DESC, id DESC LIMIT $11`,
      [
        query.ids ?? null,
        query.eventName ?? null,
        query.from ?? null,
        query.to ?? null,
        query.anonymousId ?? null,
        query.ttclid ?? null,
        query.orderId ?? null,
        query.before?.receivedAt ?? null,
        query.before?.id ?? null,
        query.limit,
      ],
    );
  }

  // The given events, newest first.
  byIds(workspaceId: WorkspaceId, ids: string[]): Promise<StoredEvent[]> {
    return this.db.forWorkspace(workspaceId).many(
      `SELECT id, event_id AS "eventId", event_name AS "eventName", event_time AS "eventTime", received_at AS "receivedAt",
              ttclid_restored AS "ttclidRestored", ttp_restored AS "ttpRestored", payload AS event
         FROM events
        WHERE workspace_id = $1 AND id = ANY($2::uuid[])
        ORDER BY received_at DESC, id`,
      [ids],
    );
  }

  // The payloads of the given events, by id (delivery reads the events of the rows it claimed).
  // `received` (partitionKeyRange of their received_at) keeps the lookup to those days' partitions.
  async payloads(workspaceId: WorkspaceId, ids: string[], received: PartitionKeyRange, session: SqlSession = this.db): Promise<Map<string, NormalizedEvent>> {
    if (ids.length === 0) return new Map();
    const rows = await session
      .forWorkspace(workspaceId)
      .many<{ id: string; payload: NormalizedEvent }>(
        'SELECT id, payload FROM events WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND received_at >= $3 AND received_at < $4',
        [ids, received.from, received.to],
      );
    return new Map(rows.map((row) => [row.id, row.payload]));
  }
}
