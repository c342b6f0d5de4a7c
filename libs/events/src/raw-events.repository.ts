import { Injectable } from '@nestjs/common';
import { CombinedStatement, Database, WorkspaceId } from '@app/core';

export type RawEventStatus = 'accepted' | 'duplicate' | 'rejected';

export interface NewRawEvent {
  // The stored event's id when accepted; a new id for a duplicate or a rejected event.
  id: string;
  status: RawEventStatus;
  eventName?: string;
  eventId?: string;
  originalRef?: string;
  reason?: string;
  errors?: Array<{ field: string; message: string }>;
  // The event as it arrived, plain email and phone redacted; null when it could not be kept
  // (a drop-in message over the size limit).
  raw: unknown;
}

export interface RawEventRow {
  id: string;
  // received_at as Postgres's text, microseconds included (the debugger's page cursor).
  cursorTime: string;
  receivedAt: Date;
  status: RawEventStatus;
  eventName: string | null;
  eventId: string | null;
  originalRef: string | null;
  reason: string | null;
  errors: Array<{ field: string; message: string }> | null;
  raw: unknown;
}

// A refused event as listed, without its raw event: the list reads sizes first (rawBytes) and
// only the raw events that fit in the answer's byte budget (rawOf).
export type RefusedRawEventRow = Omit<RawEventRow, 'raw'> & { rawBytes: number };

export interface RefusedQuery {
  statuses: Array<Exclude<RawEventStatus, 'accepted'>>;
  eventName?: string;
  from?: Date;
  to?: Date;
  // Strictly older than this (received_at, id): the cursor of the previous page.
  before?: { receivedAt: string; id: string };
  limit: number;
}

const COLUMNS = `id, received_at AS "receivedAt", received_at::text AS "cursorTime", status, event_name AS "eventName", event_id AS "eventId",
              original_ref AS "originalRef", reason, errors, raw`;
const REFUSED_COLUMNS = `id, received_at AS "receivedAt", received_at::text AS "cursorTime", status, event_name AS "eventName", event_id AS "eventId",
              original_ref AS "originalRef", reason, errors, coalesce(octet_length(raw::text), 0)::int AS "rawBytes"`;

// The raw_events table: every event as it arrived, whatever became of it. Ingest adds its rows
// to the group commit's one write statement (one JSON parameter for all of them); the events
// debugger reads them; the worker's clean-up keeps the table bounded by age and, for refused
// events, by count per workspace.
@Injectable()
export class RawEventsRepository {
  constructor(private readonly db: Database) {}

  addInsert(statement: CombinedStatement, rows: NewRawEvent[]): void {
    if (rows.length === 0) return;
    statement.with(
      'raw_events_added',
      `INSERT INTO raw_events (workspace_id, id, status, event_name, event_id, original_ref, reason, errors, raw)
       SELECT ${statement.workspace}, r.id, r.status, r.event_name, r.event_id, r.original_ref, r.reason, r.errors, r.raw
         FROM jsonb_to_recordset(${statement.param(
           JSON.stringify(
             rows.map((row) => ({
               id: row.id,
               status: row.status,
               event_name: row.eventName,
               event_id: row.eventId,
               original_ref: row.originalRef,
               reason: row.reason,
               errors: row.errors,
               raw: row.raw ?? null,
             })),
           ),
           'jsonb',
         )})
           AS r(id uuid, status text, event_name text, event_id text, original_ref uuid, reason text, errors jsonb, raw jsonb)`,
    );
  }

  get(workspaceId: WorkspaceId, id: string): Promise<RawEventRow | undefined> {
    return this.db.forWorkspace(workspaceId).one<RawEventRow>(`SELECT ${COLUMNS} FROM raw_events WHERE workspace_id = $1 AND id = $2`, [id]);
  }

  // The raw events of the given (accepted) events, by id.
  async rawOf(workspaceId: WorkspaceId, ids: string[]): Promise<Map<string, unknown>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .forWorkspace(workspaceId)
      .many<{ id: string; raw: unknown }>('SELECT id, raw FROM raw_events WHERE workspace_id = $1 AND id = ANY($2::uuid[])', [ids]);
    return new Map(rows.map((row) => [row.id, row.raw]));
  }

  // How many bytes of JSON each of the given events' raw event takes (0 when none was kept).
  async rawSizes(workspaceId: WorkspaceId, ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .forWorkspace(workspaceId)
      .many<{ id: string; bytes: number }>(
        'SELECT id, coalesce(octet_length(raw::text), 0)::int AS bytes FROM raw_events WHERE workspace_id = $1 AND id = ANY($2::uuid[])',
        [ids],
      );
    return new Map(rows.map((row) => [row.id, row.bytes]));
  }

  // Duplicate and rejected events, newest first (the partial index's order), with the size of
  // their raw events instead of the raw events themselves.
  refused(workspaceId: WorkspaceId, query: RefusedQuery): Promise<RefusedRawEventRow[]> {
    return this.db.forWorkspace(workspaceId).many(
      `SELECT ${REFUSED_COLUMNS}
         FROM raw_events
        WHERE workspace_id = $1 AND status <> 'accepted' AND status = ANY($2::text[])
          AND ($3::text IS NULL OR event_name = $3)
          AND ($4::timestamptz IS NULL OR received_at >= $4) AND ($5::timestamptz IS NULL OR received_at < $5)
          AND ($6::timestamptz IS NULL OR (received_at, id) < ($6, $7::uuid))
        ORDER BY received_at DESC, id DESC LIMIT $8`,
      [query.statuses, query.eventName ?? null, query.from ?? null, query.to ?? null, query.before?.receivedAt ?? null, query.before?.id ?? null, query.limit],
    );
  }

  // The worker's clean-up, in batches so no statement holds many locks: rows older than the
  // window, in every workspace. By key, not ctid: a ctid names a row only within one partition.
  deleteOlderThan(before: Date, batch: number): Promise<number> {
    return this.db.acrossWorkspaces('raw-events-retention').execute(
      `DELETE FROM raw_events WHERE received_at < $1
          AND (workspace_id, id, received_at) IN (SELECT workspace_id, id, received_at FROM raw_events WHERE received_at < $1 LIMIT $2)`,
      [before, batch],
    );
  }

  // Refused events beyond the newest `keep` of their workspace.
  trimRefused(workspaceId: WorkspaceId, keep: number, batch: number): Promise<number> {
    return this.db.forWorkspace(workspaceId).execute(
      `DELETE FROM raw_events
        WHERE workspace_id = $1 AND status <> 'accepted'
          AND id = ANY(ARRAY(SELECT id FROM raw_events WHERE workspace_id = $1 AND status <> 'accepted'
                              ORDER BY received_at DESC, id DESC OFFSET $2 LIMIT $3))`,
      [keep, batch],
    );
  }

  // Workspaces holding more than `keep` refused events.
  workspacesOverRefusedLimit(keep: number): Promise<Array<{ workspaceId: WorkspaceId }>> {
    return this.db.acrossWorkspaces('raw-events-retention').many(
      `SELECT workspace_id AS "workspaceId" FROM raw_events WHERE status <> 'accepted' GROUP BY workspace_id HAVING count(*) > $1`,
      [keep],
    );
  }
}
