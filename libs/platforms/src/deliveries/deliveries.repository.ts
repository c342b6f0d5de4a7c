import { Injectable } from '@nestjs/common';
import { CombinedStatement, Database, StatementResult, Transaction, WorkspaceId } from '@app/core';
import { ClaimedDelivery, DeliveryStatusView, RetrySchedule } from './delivery-views';

// The worker's claim. It locks in the pending index's own order, so the scan stops at `limit`
// ($3) locked rows; the payloads of those rows are read afterwards (EventsRepository.payloads).
// Ordering by anything the index does not give (it was "next_attempt_at, id", over a join with
// events) made Postgres join, sort and spill to disk every pending row of the connector for each
// batch: with 50,000 pending, 27 MB of temp files and ~90 ms per claim, growing with the backlog.
// The connector must still be active when its rows are claimed: a drain that opened it before
// another one's request found the credentials refused would otherwise claim the rows that request
// just held (they stay pending and due) and send them again into the same refusal.
export const CLAIM_DUE_SQL = `SELECT id, event_ref, attempts, retry_since
   FROM deliveries
  WHERE connector_id = $2 AND status = 'pending' AND next_attempt_at <= now() AND workspace_id = $1
    AND EXISTS (SELECT 1 FROM connectors c WHERE c.workspace_id = $1 AND c.id = $2 AND c.status = 'active')
  ORDER BY next_attempt_at
  LIMIT $3
    FOR UPDATE SKIP LOCKED`;

// The deliveries table. Claims take row locks with SKIP LOCKED and are held by the caller's
// transaction for the length of the platform request: several workers never send the same row,
// and a worker that dies mid-request releases its rows at once (Postgres aborts the transaction
// when the connection drops); the attempt it committed before sending (DeliveryLogsRepository)
// tells the next claimer that those rows are in doubt.
export interface AddedDeliveries {
  connectorId: string;
  active: boolean;
}

@Injectable()
export class DeliveriesRepository {
  constructor(private readonly db: Database) {}

  // Adds one pending delivery per connector of the workspace for each event to the ingest
  // writer's statement; the result names the connectors that received work. Invalid connectors
  // get rows too: they are held as pending and sent once the credentials are fixed.
  // Reads, once the statement ran, the connectors that got a delivery and whether each is active
  // (an invalid one holds its deliveries until its credentials are fixed). event_received_at is
  // now(), the transaction's start: the received_at its events take by default, so each delivery
  // lands in its event's day partition.
  addForEvents(statement: CombinedStatement, eventRefs: string[]): (result: StatementResult) => AddedDeliveries[] {
    if (eventRefs.length === 0) return () => [];
    statement.with(
      'deliveries_added',
      `INSERT INTO deliveries (workspace_id, connector_id, event_ref, event_received_at)
       SELECT ${statement.workspace}, c.id, e.ref, now() FROM connectors c CROSS JOIN unnest(${statement.param(eventRefs, 'uuid[]')}) AS e(ref)
        WHERE c.workspace_id = ${statement.workspace}
       ON CONFLICT (workspace_id, event_ref, connector_id, event_received_at) DO NOTHING
       RETURNING connector_id`,
    );
    const connectors = statement.output<{ connector_id: string; status: string }>(
      'deliveries_connectors',
      `SELECT DISTINCT a.connector_id, c.status FROM deliveries_added a
         JOIN connectors c ON c.workspace_id = ${statement.workspace} AND c.id = a.connector_id`,
    );
    return (result) => result.rows(connectors).map((row) => ({ connectorId: row.connector_id, active: row.status === 'active' }));
  }

  // A connector's backfill: one pending delivery of this connector per given event (its id and
  // received_at, Postgres's text of it), unless it has one already. Returns how many were added.
  addForConnector(workspaceId: WorkspaceId, connectorId: string, events: Array<{ id: string; receivedAt: string }>): Promise<number> {
    if (events.length === 0) return Promise.resolve(0);
    return this.db.forWorkspace(workspaceId).execute(
      `INSERT INTO deliveries (workspace_id, connector_id, event_ref, event_received_at)
       SELECT $1, $2, e.ref, e.received_at FROM unnest($3::uuid[], $4::timestamptz[]) AS e(ref, received_at)
       ON CONFLICT (workspace_id, event_ref, connector_id, event_received_at) DO NOTHING`,
      [connectorId, events.map((event) => event.id), events.map((event) => event.receivedAt)],
    );
  }

  // Which of these events still have work: a delivery pending (due or waiting for fixed
  // credentials) or parked in doubt. Retention keeps them. A delivery never returns to these
  // states once it left them, so the answer can only shrink between this read and a delete.
  async eventsWithOpenWork(workspaceId: WorkspaceId, eventRefs: string[]): Promise<Set<string>> {
    if (eventRefs.length === 0) return new Set();
    const rows = await this.db
      .forWorkspace(workspaceId)
      .many<{ event_ref: string }>(
        `SELECT DISTINCT event_ref FROM deliveries WHERE workspace_id = $1 AND event_ref = ANY ($2::uuid[]) AND status IN ('pending', 'in_doubt')`,
        [eventRefs],
      );
    return new Set(rows.map((row) => row.event_ref));
  }

  // The deliveries of events retention deletes (received before `receivedBefore`, which keeps the
  // delete to those day partitions), before the events themselves: no foreign key cascades.
  deleteOfEvents(workspaceId: WorkspaceId, eventRefs: string[], receivedBefore: Date): Promise<number> {
    if (eventRefs.length === 0) return Promise.resolve(0);
    return this.db
      .forWorkspace(workspaceId)
      .execute('DELETE FROM deliveries WHERE workspace_id = $1 AND event_ref = ANY ($2::uuid[]) AND event_received_at < $3', [eventRefs, receivedBefore]);
  }

  // Whether any delivery of an event received in [from, to) is pending or in doubt, in any
  // workspace: the storage maintenance keeps such a day (its events and deliveries). Each half
  // reads a partial index (pending, in doubt), not the day's rows.
  async holdsOpenWorkForEventsReceived(from: Date, to: Date): Promise<boolean> {
    const row = await this.db.acrossWorkspaces('day-partitions').one<{ open: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM deliveries WHERE event_received_at >= $1 AND event_received_at < $2 AND status = 'pending')
           OR EXISTS (SELECT 1 FROM deliveries WHERE event_received_at >= $1 AND event_received_at < $2 AND status = 'in_doubt') AS open`,
      [from, to],
    );
    return row?.open ?? false;
  }

  async claimDue(workspaceId: WorkspaceId, connectorId: string, limit: number, tx: Transaction): Promise<ClaimedDelivery[]> {
    const rows = await tx
      .forWorkspace(workspaceId)
      .many<{ id: string; event_ref: string; attempts: number; retry_since: Date }>(CLAIM_DUE_SQL, [connectorId, limit]);
    return rows.map((row) => ({ id: String(row.id), eventRef: row.event_ref, attempts: row.attempts, retrySince: row.retry_since }));
  }

  async markDelivered(workspaceId: WorkspaceId, ids: string[], tx: Transaction): Promise<void> {
    await settle(tx, workspaceId, ids, `status = 'delivered', delivered_at = now(), platform_code = NULL, last_error = NULL`);
  }

  async markFinal(
    workspaceId: WorkspaceId,
    ids: string[],
    status: 'rejected' | 'failed' | 'skipped' | 'in_doubt',
    platformCode: number | undefined,
    message: string,
    tx: Transaction,
  ): Promise<void> {
    await settle(tx, workspaceId, ids, `status = $3, platform_code = $4, last_error = $5`, [status, platformCode ?? null, message]);
  }

  async scheduleRetries(
    workspaceId: WorkspaceId,
    retries: RetrySchedule[],
    platformCode: number | undefined,
    message: string,
    tx: Transaction,
  ): Promise<void> {
    if (retries.length === 0) return;
    await tx.forWorkspace(workspaceId).execute(
      `UPDATE deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + r.delay_ms * interval '1 millisecond',
              platform_code = $4, last_error = $5, updated_at = now()
         FROM unnest($2::bigint[], $3::int[]) AS r(id, delay_ms)
        WHERE d.id = r.id AND d.workspace_id = $1`,
      [retries.map((r) => r.id), retries.map((r) => Math.round(r.delayMs)), platformCode ?? null, message],
    );
  }

  // Deliveries an in-doubt attempt carried count that attempt too (their settle adds this one).
  async countInDoubtAttempts(workspaceId: WorkspaceId, attempts: Map<string, number>, tx: Transaction): Promise<void> {
    if (attempts.size === 0) return;
    await tx.forWorkspace(workspaceId).execute(
      `UPDATE deliveries d SET attempts = GREATEST(d.attempts, r.attempts), updated_at = now()
         FROM unnest($2::bigint[], $3::int[]) AS r(id, attempts)
        WHERE d.id = r.id AND d.workspace_id = $1`,
      [[...attempts.keys()], [...attempts.values()]],
    );
  }

  // Held deliveries of an invalid connector stay pending; the request that found the credentials
  // invalid still counts as one of their attempts, so the attempt record and the debugger agree and
  // the request after the fix is the next attempt, not a second "attempt 1". Retrying is bounded by
  // age (retry_since), not by this count, so the held request costs no retry budget.
  async holdForCredentials(workspaceId: WorkspaceId, ids: string[], message: string, tx: Transaction): Promise<void> {
    await settle(tx, workspaceId, ids, 'last_error = $3', [message]);
  }

  async statusesForEvents(workspaceId: WorkspaceId, eventRefs: string[]): Promise<Map<string, DeliveryStatusView[]>> {
    const byEvent = new Map<string, DeliveryStatusView[]>();
    if (eventRefs.length === 0) return byEvent;
    const rows = await this.db.forWorkspace(workspaceId).many<DeliveryStatusView & { eventRef: string }>(
      `SELECT event_ref AS "eventRef", connector_id AS "connectorId", status, attempts, platform_code AS "platformCode",
              last_error AS "lastError", next_attempt_at AS "nextAttemptAt", delivered_at AS "deliveredAt"
         FROM deliveries WHERE workspace_id = $1 AND event_ref = ANY($2::uuid[]) ORDER BY id`,
      [eventRefs],
    );
    for (const { eventRef, ...status } of rows) byEvent.set(eventRef, [...(byEvent.get(eventRef) ?? []), status]);
    return byEvent;
  }

  // An event's deliveries, one per connector, with the ids its attempts carried.
  ofEvent(workspaceId: WorkspaceId, eventRef: string): Promise<Array<DeliveryStatusView & { id: string }>> {
    return this.db.forWorkspace(workspaceId).many(
      `SELECT id::text, connector_id AS "connectorId", status, attempts, platform_code AS "platformCode",
              last_error AS "lastError", next_attempt_at AS "nextAttemptAt", delivered_at AS "deliveredAt"
         FROM deliveries WHERE workspace_id = $1 AND event_ref = $2 ORDER BY id`,
      [eventRef],
    );
  }

  // The events of the given deliveries (a delivery log's events).
  async eventRefsOf(workspaceId: WorkspaceId, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .forWorkspace(workspaceId)
      .many<{ ref: string }>('SELECT DISTINCT event_ref AS ref FROM deliveries WHERE workspace_id = $1 AND id = ANY($2::bigint[])', [ids]);
    return rows.map((row) => row.ref);
  }

  // Events whose delivery (to one connector, or any) has one of the statuses, newest first; the
  // events debugger narrows its search to them.
  async eventRefsWithStatus(
    workspaceId: WorkspaceId,
    query: { statuses: string[] | null; connectorId?: string; from?: Date; to?: Date; limit: number },
  ): Promise<string[]> {
    const rows = await this.db.forWorkspace(workspaceId).many<{ ref: string }>(
      `SELECT event_ref AS ref FROM deliveries
        WHERE workspace_id = $1 AND ($2::text[] IS NULL OR status = ANY($2::text[])) AND ($3::uuid IS NULL OR connector_id = $3)
          AND ($4::timestamptz IS NULL OR created_at >= $4) AND ($5::timestamptz IS NULL OR created_at < $5)
        ORDER BY created_at DESC LIMIT $6`,
      [query.statuses, query.connectorId ?? null, query.from ?? null, query.to ?? null, query.limit],
    );
    return rows.map((row) => row.ref);
  }

  // Puts the given events' deliveries (to one connector, or all) back to pending with a fresh
  // retry budget, whatever their status: the replay of chosen events.
  requeueEvents(workspaceId: WorkspaceId, eventRefs: string[], connectorId?: string): Promise<number> {
    return this.db.forWorkspace(workspaceId).execute(
      `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), retry_since = now(), updated_at = now()
        WHERE workspace_id = $1 AND event_ref = ANY($2::uuid[]) AND ($3::uuid IS NULL OR connector_id = $3) AND status <> 'pending'`,
      [eventRefs, connectorId ?? null],
    );
  }

  // Puts matching deliveries back to pending with a fresh retry budget (after fixing a token...).
  async requeue(workspaceId: WorkspaceId, connectorId: string, from: Date, to: Date, statuses: string[]): Promise<number> {
    return this.db.forWorkspace(workspaceId).execute(
      `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), retry_since = now(), updated_at = now()
        WHERE workspace_id = $1 AND connector_id = $2 AND created_at >= $3 AND created_at < $4 AND status = ANY($5::text[])`,
      [connectorId, from, to, statuses],
    );
  }

  // Pending deliveries of the workspace (or one connector) and the age of the oldest, in minutes.
  async pendingSummary(workspaceId: WorkspaceId, connectorId: string | null): Promise<{ pending: number; oldestMinutes: number | null }> {
    const row = await this.db.forWorkspace(workspaceId).one<{ pending: number; oldest: number | null }>(
      // Through the workspace's connectors: the pending index leads with connector_id, so this reads
      // the workspace's own pending rows, not every workspace's.
      `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(d.created_at)) / 60 AS oldest
         FROM connectors c JOIN deliveries d ON d.connector_id = c.id AND d.status = 'pending' AND d.workspace_id = $1
        WHERE c.workspace_id = $1 AND ($2::uuid IS NULL OR c.id = $2)`,
      [connectorId],
    );
    return { pending: row?.pending ?? 0, oldestMinutes: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest) };
  }

  // For the sweeper: which active connectors have due work, in every workspace.
  async connectorsWithDueWork(limit = 1000): Promise<Array<{ workspaceId: WorkspaceId; connectorId: string }>> {
    return this.db.acrossWorkspaces('delivery-sweep').many(
      `SELECT DISTINCT d.workspace_id AS "workspaceId", d.connector_id AS "connectorId"
         FROM deliveries d JOIN connectors c ON c.id = d.connector_id AND c.status = 'active'
        WHERE d.status = 'pending' AND d.next_attempt_at <= now()
        LIMIT $1`,
      [limit],
    );
  }

  // For the process-wide Prometheus gauges, which carry no workspace label.
  async pendingAcrossWorkspaces(): Promise<{ pending: number; oldestSeconds: number }> {
    const row = await this.db
      .acrossWorkspaces('delivery-gauges')
      .one<{ pending: number; oldest: number | null }>(
        `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest FROM deliveries WHERE status = 'pending'`,
      );
    return { pending: row?.pending ?? 0, oldestSeconds: Number(row?.oldest ?? 0) };
  }
}

// A settled attempt: counts it and sets the outcome columns (`set`, with placeholders from $3).
async function settle(tx: Transaction, workspaceId: WorkspaceId, ids: string[], set: string, extra: unknown[] = []): Promise<void> {
  if (ids.length === 0) return;
  await tx.forWorkspace(workspaceId).execute(
    `UPDATE deliveries SET attempts = attempts + 1, updated_at = now(), ${set}
      WHERE workspace_id = $1 AND id = ANY($2::bigint[])`,
    [ids, ...extra],
  );
}
