import { Injectable } from '@nestjs/common';
import { CombinedStatement, Database, StatementOutput, Transaction, WorkspaceId } from '@app/core';
import type { UnsettledAttempt } from './in-doubt.policy';

// How a request ended. 'sending' is the attempt's state from before the request leaves until its
// answer is settled; 'in_doubt' is an attempt whose worker never settled it (it died, or lost its
// database connection): the platform may or may not have received it.
export type DeliveryOutcome = 'sending' | 'in_doubt' | 'delivered' | 'retry' | 'rejected' | 'failed' | 'credentials_invalid';
export type SettledOutcome = Exclude<DeliveryOutcome, 'sending' | 'in_doubt'>;

export interface AttemptStart {
  workspaceId: WorkspaceId;
  connectorId: string;
  requestKey: string;
  attempt: number;
  deliveryIds: string[];
  // Events of this request that an in-doubt attempt already sent once.
  resentEvents: number;
}

export interface AttemptAnswer {
  outcome: SettledOutcome;
  httpStatus?: number;
  platformCode?: number;
  platformMessage: string;
  requestId?: string;
  latencyMs: number;
  requestBody?: unknown;
}

export interface DeliveryLogView {
  id: string;
  connectorId: string;
  createdAt: Date;
  settledAt: Date | null;
  events: number;
  resentEvents: number;
  httpStatus: number | null;
  platformCode: number | null;
  platformMessage: string;
  requestId: string | null;
  requestKey: string | null;
  latencyMs: number | null;
  outcome: DeliveryOutcome;
  attempt: number;
  requestBody: unknown;
}

const LOG_COLUMNS = `id::text, connector_id AS "connectorId", created_at AS "createdAt", settled_at AS "settledAt", events,
              resent_events AS "resentEvents", http_status AS "httpStatus", platform_code AS "platformCode",
              platform_message AS "platformMessage", request_id AS "requestId", request_key AS "requestKey",
              latency_ms AS "latencyMs", outcome, attempt, request_body AS "requestBody"`;

const SENDING_MESSAGE = 'Request sent; no answer recorded yet';
const IN_DOUBT_MESSAGE =
  'No answer was recorded: the worker stopped or lost its database connection during the request. ' +
  'The platform may have received these events; they are sent again with the same event_ids.';

// The delivery_logs table, the record of every request to a platform: one row per attempt,
// committed before the request leaves and settled with its answer in the claim's transaction. So
// a request is on the record even when the worker dies before it could settle anything.
@Injectable()
export class DeliveryLogsRepository {
  constructor(private readonly db: Database) {}

  // Deletes up to `limit` settled attempt records of the workspace older than `days`; an attempt
  // still sending or in doubt stays (the claim reads it). Returns how many were deleted. By key,
  // not ctid: a ctid names a row only within one day partition.
  pruneSettled(workspaceId: WorkspaceId, days: number, limit: number): Promise<number> {
    return this.db.forWorkspace(workspaceId).execute(
      `DELETE FROM delivery_logs WHERE workspace_id = $1 AND created_at < now() - make_interval(days => $2) AND id = ANY (ARRAY(
         SELECT id FROM delivery_logs
          WHERE workspace_id = $1 AND created_at < now() - make_interval(days => $2) AND outcome NOT IN ('sending', 'in_doubt')
          LIMIT $3))`,
      [days, limit],
    );
  }

  // Whether any attempt created in [from, to) is still sending or in doubt (the next claimer reads
  // it): the storage maintenance keeps such a day partition. Through the unsettled partial index.
  async holdsUnsettledCreated(from: Date, to: Date): Promise<boolean> {
    const row = await this.db
      .acrossWorkspaces('day-partitions')
      .one<{ open: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM delivery_logs WHERE created_at >= $1 AND created_at < $2 AND outcome IN ('sending', 'in_doubt')) AS open`,
        [from, to],
      );
    return row?.open ?? false;
  }

  // The attempt row, as part of a statement that commits on its own, before the request leaves.
  addStart(statement: CombinedStatement, start: AttemptStart, events: number): StatementOutput<{ id: string }> {
    statement.with(
      'attempt_started',
      `INSERT INTO delivery_logs (workspace_id, connector_id, events, platform_message, latency_ms, outcome, attempt,
                                  request_key, delivery_ids, resent_events)
       VALUES (${statement.workspace}, ${statement.param(start.connectorId, 'uuid')},
               ${statement.param(events, 'int')}, ${statement.param(SENDING_MESSAGE, 'text')}, NULL, 'sending',
               ${statement.param(start.attempt, 'int')}, ${statement.param(start.requestKey, 'uuid')},
               ${statement.param(start.deliveryIds, 'bigint[]')}, ${statement.param(start.resentEvents, 'int')})
       RETURNING id::text AS id`,
    );
    return statement.output<{ id: string }>('attempt_started_id', 'SELECT id FROM attempt_started');
  }

  // Attempts left 'sending' by a worker that is gone. Idempotent: another claimer may mark them too.
  addMarkInDoubt(statement: CombinedStatement, attemptIds: string[]): void {
    if (attemptIds.length === 0) return;
    statement.with(
      'attempts_in_doubt',
      `UPDATE delivery_logs SET outcome = 'in_doubt', platform_message = ${statement.param(IN_DOUBT_MESSAGE, 'text')}
        WHERE workspace_id = ${statement.workspace} AND id = ANY(${statement.param(attemptIds, 'bigint[]')})
          AND outcome = 'sending'`,
    );
  }

  // Attempts of this connector not settled since `since` (in flight elsewhere, or crashed) that
  // carried any of `deliveryIds`, with the ones they carried. Few candidate rows (a partial index);
  // the batches are compared by a hash join in Postgres, so a live attempt's 1,000 ids never travel.
  async carrying(workspaceId: WorkspaceId, connectorId: string, since: Date, deliveryIds: string[], tx: Transaction): Promise<UnsettledAttempt[]> {
    const rows = await tx.forWorkspace(workspaceId).many<{ id: string; attempt: number; created_at: Date; carried: string[] }>(
      `SELECT l.id::text, l.attempt, l.created_at, array_agg(c.id)::text[] AS carried
         FROM delivery_logs l
        CROSS JOIN LATERAL unnest(l.delivery_ids) AS d(id)
         JOIN unnest($4::bigint[]) AS c(id) ON c.id = d.id
        WHERE l.workspace_id = $1 AND l.connector_id = $2 AND l.outcome IN ('sending', 'in_doubt') AND l.created_at >= $3
        GROUP BY l.id, l.attempt, l.created_at`,
      [connectorId, since, deliveryIds],
    );
    return rows.map((row) => ({ id: row.id, attempt: row.attempt, createdAt: row.created_at, deliveryIds: row.carried }));
  }

  // In the claim's transaction, with the deliveries it settles: the record and the rows agree.
  async settle(workspaceId: WorkspaceId, attemptId: string, answer: AttemptAnswer, tx: Transaction): Promise<void> {
    await tx.forWorkspace(workspaceId).execute(
      `UPDATE delivery_logs
          SET outcome = $3, http_status = $4, platform_code = $5, platform_message = $6, request_id = $7, latency_ms = $8,
              request_body = $9, settled_at = clock_timestamp()
        WHERE workspace_id = $1 AND id = $2`,
      [
        attemptId,
        answer.outcome,
        answer.httpStatus ?? null,
        answer.platformCode ?? null,
        answer.platformMessage,
        answer.requestId ?? null,
        Math.round(answer.latencyMs),
        answer.requestBody === undefined ? null : JSON.stringify(answer.requestBody),
      ],
    );
  }

  // The attempts that carried any of the given deliveries of one connector (an event's story),
  // oldest first. `since` (the event's arrival) lets the connector's index bound the scan.
  carriedBy(workspaceId: WorkspaceId, connectorId: string, since: Date, deliveryIds: string[]): Promise<DeliveryLogView[]> {
    return this.db.forWorkspace(workspaceId).many(
      `SELECT ${LOG_COLUMNS}
         FROM delivery_logs
        WHERE workspace_id = $1 AND connector_id = $2 AND created_at >= $3 AND delivery_ids && $4::bigint[]
        ORDER BY created_at, id`,
      [connectorId, since, deliveryIds],
    );
  }

  // The deliveries one attempt carried (from a delivery log to its events).
  async deliveryIdsOf(workspaceId: WorkspaceId, logId: string): Promise<string[]> {
    const row = await this.db
      .forWorkspace(workspaceId)
      .one<{ ids: string[] }>('SELECT delivery_ids::text[] AS ids FROM delivery_logs WHERE workspace_id = $1 AND id = $2', [logId]);
    return row?.ids ?? [];
  }

  list(workspaceId: WorkspaceId, connectorId: string | undefined, limit: number): Promise<DeliveryLogView[]> {
    return this.db.forWorkspace(workspaceId).many(
      `SELECT ${LOG_COLUMNS}
         FROM delivery_logs
        WHERE workspace_id = $1 AND ($2::uuid IS NULL OR connector_id = $2)
        ORDER BY created_at DESC, id DESC LIMIT $3`,
      [connectorId ?? null, limit],
    );
  }
}
