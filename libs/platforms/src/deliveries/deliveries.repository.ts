import { Injectable } from '@nestjs/common';
import { Database, PartitionKeyRange, Transaction, WorkspaceId } from '@app/core';
import { ClaimedDelivery, DeliveryStatusView, RetrySchedule } from './delivery-views';

// The worker's claim. It locks in the pending index's own order, so the scan stops at `limit`
// ($3) locked rows; the payloads of those rows are read afterwards (EventsRepository.payloads).
// Ordering by anything the index does not give (it was "next_attempt_at, id", over a join with
// events) made Postgres join, sort and spill to disk every pending row of the connector for each
// batch: with 50,000 pending, 27 MB of temp files and ~90 ms per claim, growing with the backlog.
// The connector must still be active when its rows are claimed: a drain that opened it before
// another one's request found the credentials refused would otherwise claim the rows that request
// just held (they stay pending and due) and send them again into the same refusal.
export const CLAIM_DUE_SQL = `SELECT id, event_ref, event_received_at, attempts, retry_since
   FROM deliveries
  WHERE connector_id = $2 AND status = 'pending' AND next_attempt_at <= now() AND workspace_id = $1
    AND EXISTS (SELECT 1 FROM connectors c WHERE c.workspace_id = $1 AND c.id = $2 AND c.status = 'active')
  ORDER BY next_attempt_at
  LIMIT $3
    FOR UPDATE SKIP LOCKED`;

// The materialization: $2 the connector; $3, $4, $5 its locked cursor; $6 how many events. It
// writes the rows of the next events after the cursor in (tx, id) order, and of the events of the
// transactions the cursor remembered as running that have committed since; then moves the cursor
// to the last event read and remembers the transactions still running below it
// (pg_snapshot_xip of this statement's snapshot, the one that decided what was visible). So a
// transaction that commits after others that started later is never skipped, and none, however
// long (in any database of the cluster), holds the others' deliveries back. A row is due from its
// event's arrival, so the claim (next_attempt_at order) keeps sending events in arrival order.
export const MATERIALIZE_SQL = `WITH ahead AS (
    SELECT e.id, e.tx, e.received_at FROM events e
     WHERE e.workspace_id = $1 AND (e.tx, e.id) > ($3::xid8, $4::uuid)
     ORDER BY e.tx, e.id
     LIMIT $6
  ), finished AS (
    SELECT e.id, e.received_at FROM events e WHERE e.workspace_id = $1 AND e.tx = ANY ($5::xid8[])
  ), last AS (
    SELECT tx, id FROM ahead ORDER BY tx DESC, id DESC LIMIT 1
  ), frontier AS (
    SELECT COALESCE((SELECT tx FROM last), $3::xid8) AS tx, COALESCE((SELECT id FROM last), $4::uuid) AS id
  ), fresh AS (
    SELECT id, received_at FROM ahead UNION ALL SELECT id, received_at FROM finished
  ), added AS (
    INSERT INTO deliveries (workspace_id, connector_id, event_ref, event_received_at, next_attempt_at)
    SELECT $1, $2, id, received_at, received_at FROM fresh
    ON CONFLICT (workspace_id, event_ref, connector_id, event_received_at) DO NOTHING
    RETURNING 1
  ), moved AS (
    UPDATE connector_cursors cc
       SET tx = f.tx, event_ref = f.id,
           in_flight = ARRAY(SELECT x FROM pg_snapshot_xip(pg_current_snapshot()) AS x WHERE x < f.tx ORDER BY x)
      FROM frontier f
     WHERE cc.workspace_id = $1 AND cc.connector_id = $2
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM added)::int AS added, (SELECT count(*) FROM ahead) = $6 AS more`;

// The deliveries table. Claims take row locks with SKIP LOCKED and are held by the caller's
// transaction for the length of the platform request: several workers never send the same row,
// and a worker that dies mid-request releases its rows at once (Postgres aborts the transaction
// when the connection drops); the attempt it committed before sending (DeliveryLogsRepository)
// tells the next claimer that those rows are in doubt.
// What one materialization did: `locked` is false when another drain of the connector holds its
// cursor (it is materializing them); `more` says events remain beyond the cursor (past `limit`).
export interface Materialized {
  locked: boolean;
  added: number;
  more: boolean;
}

// A cursor starting before every event: the smallest event id of a transaction.
const BEFORE_ANY_EVENT = '00000000-0000-0000-0000-000000000000';

// Events of the workspace a connector's cursor (`cc`) has not passed: after it, or of a
// transaction it saw running; with no delivery row for it yet. To the readers of delivery status
// they are pending, the row the worker writes for them being only moments away. `workspace` is $1
// in a scoped statement.
// Each half is an index range of (workspace_id, tx, id). NOT_PASSED, their OR, filters given events
// (a few, by id); to find which events those are, eventsBeyondCursor scans each half apart.
const AFTER_CURSOR = `(e.tx, e.id) > (cc.tx, cc.event_ref)`;
const OF_IN_FLIGHT = `e.tx = ANY (cc.in_flight)`;
const NOT_PASSED = `(${AFTER_CURSOR} OR ${OF_IN_FLIGHT})`;
// A delivery row is in its event's day partition (event_received_at), which makes the probe one
// partition's unique index, not every day's.
function notMaterialized(workspace: '$1' | 'cc.workspace_id'): string {
  return `NOT EXISTS (SELECT 1 FROM deliveries m
                      WHERE m.workspace_id = ${workspace} AND m.event_ref = e.id AND m.connector_id = cc.connector_id AND m.event_received_at = e.received_at)`;
}
function beyondCursor(workspace: '$1' | 'cc.workspace_id'): string {
  return `${NOT_PASSED}
    AND ${notMaterialized(workspace)}`;
}
// The events (id, received_at) beyond the cursor `cc`, as a subquery to join LATERAL or test with
// EXISTS. Two index range scans of (workspace_id, tx, id): after the cursor, and the transactions it
// saw running (all below it, so the halves never overlap). One scan with the OR of the two could
// use no range: on a database of 350,000 events the sweeper's query then took 0.9 s of Postgres
// CPU a call, a core at a 200 ms sweep interval, and halved the bench's delivery rate.
function eventsBeyondCursor(workspace: '$1' | 'cc.workspace_id'): string {
  return `(SELECT e.id, e.received_at FROM events e
            WHERE e.workspace_id = ${workspace} AND ${AFTER_CURSOR} AND ${notMaterialized(workspace)}
           UNION ALL
           SELECT e.id, e.received_at FROM events e
            WHERE e.workspace_id = ${workspace} AND ${OF_IN_FLIGHT} AND ${notMaterialized(workspace)})`;
}

// A delivery row's status, and the same shape for an event not materialized for a connector.
const STATUS_COLUMNS = `SELECT id, event_ref AS "eventRef", connector_id AS "connectorId", status, attempts, platform_code AS "platformCode",
              last_error AS "lastError", next_attempt_at AS "nextAttemptAt", delivered_at AS "deliveredAt"`;
const NOT_MATERIALIZED_COLUMNS = `SELECT NULL::bigint, e.id, cc.connector_id, 'pending', 0, NULL::int, NULL::text, e.received_at, NULL::timestamptz`;

@Injectable()
export class DeliveriesRepository {
  constructor(private readonly db: Database) {}

  // A new connector's cursor, in the transaction that creates it: the events of transactions that
  // take their id after it, and of those running as it is created, are delivered; those already
  // committed are not (backfillHours writes their rows).
  async startCursor(workspaceId: WorkspaceId, connectorId: string, tx: Transaction): Promise<void> {
    await tx.forWorkspace(workspaceId).execute(
      `INSERT INTO connector_cursors (workspace_id, connector_id, tx, event_ref, in_flight)
       SELECT $1, $2, pg_current_xact_id(), $3,
              ARRAY(SELECT x FROM pg_snapshot_xip(pg_current_snapshot()) AS x WHERE x < pg_current_xact_id() ORDER BY x)`,
      [connectorId, BEFORE_ANY_EVENT],
    );
  }

  // Writes the pending deliveries of the connector's events its cursor has not passed (at most
  // `limit` after it, and those of the transactions it saw running that have committed since),
  // and moves the cursor, in one transaction. The cursor row is locked with SKIP LOCKED, so two
  // drains of one connector never materialize at once. Invalid connectors get their rows too:
  // they are held as pending, as ingest held them before the cursor.
  materialize(workspaceId: WorkspaceId, connectorId: string, limit: number): Promise<Materialized> {
    return this.db.transaction(async (tx) => {
      const session = tx.forWorkspace(workspaceId);
      const cursor = await session.one<{ tx: string; event_ref: string; in_flight: string[] }>(
        `SELECT tx::text AS tx, event_ref, in_flight::text[] AS in_flight FROM connector_cursors
          WHERE workspace_id = $1 AND connector_id = $2 FOR UPDATE SKIP LOCKED`,
        [connectorId],
      );
      if (!cursor) return { locked: false, added: 0, more: false };
      const row = await session.one<{ added: number; more: boolean }>(MATERIALIZE_SQL, [connectorId, cursor.tx, cursor.event_ref, cursor.in_flight, limit]);
      return { locked: true, added: row?.added ?? 0, more: row?.more ?? false };
    });
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
  // credentials) or parked in doubt, or a connector whose cursor has not reached the event yet.
  // Retention keeps them. A delivery never returns to these states once it left them, and a cursor
  // passes an event only in the transaction that writes its pending row, so the answer can only
  // shrink between this read and a delete.
  async eventsWithOpenWork(workspaceId: WorkspaceId, eventRefs: string[]): Promise<Set<string>> {
    if (eventRefs.length === 0) return new Set();
    const rows = await this.db
      .forWorkspace(workspaceId)
      .many<{ event_ref: string }>(
        `SELECT event_ref FROM deliveries WHERE workspace_id = $1 AND event_ref = ANY ($2::uuid[]) AND status IN ('pending', 'in_doubt')
         UNION
         SELECT e.id FROM events e
          WHERE e.workspace_id = $1 AND e.id = ANY ($2::uuid[])
            AND EXISTS (SELECT 1 FROM connector_cursors cc WHERE cc.workspace_id = $1 AND ${NOT_PASSED})`,
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
  // workspace, or any such event is beyond a connector's cursor (no row yet, so pending too): the
  // storage maintenance keeps such a day (its events and deliveries). The first two read a partial
  // index (pending, in doubt), the third only that day's events partition after each cursor.
  async holdsOpenWorkForEventsReceived(from: Date, to: Date): Promise<boolean> {
    const row = await this.db.acrossWorkspaces('day-partitions').one<{ open: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM deliveries WHERE event_received_at >= $1 AND event_received_at < $2 AND status = 'pending')
           OR EXISTS (SELECT 1 FROM deliveries WHERE event_received_at >= $1 AND event_received_at < $2 AND status = 'in_doubt')
           OR EXISTS (SELECT 1 FROM connector_cursors cc CROSS JOIN LATERAL ${eventsBeyondCursor('cc.workspace_id')} AS e
                       WHERE e.received_at >= $1 AND e.received_at < $2) AS open`,
      [from, to],
    );
    return row?.open ?? false;
  }

  async claimDue(workspaceId: WorkspaceId, connectorId: string, limit: number, tx: Transaction): Promise<ClaimedDelivery[]> {
    const rows = await tx
      .forWorkspace(workspaceId)
      .many<{ id: string; event_ref: string; event_received_at: Date; attempts: number; retry_since: Date }>(CLAIM_DUE_SQL, [connectorId, limit]);
    return rows.map((row) => ({
      id: String(row.id),
      eventRef: row.event_ref,
      eventReceivedAt: row.event_received_at,
      attempts: row.attempts,
      retrySince: row.retry_since,
    }));
  }

  // These settle rows of one claimed batch: `received` (the batch's partitionKeyRange) narrows each
  // statement to the day partitions the rows are in.
  async markDelivered(workspaceId: WorkspaceId, ids: string[], received: PartitionKeyRange, tx: Transaction): Promise<void> {
    await settle(tx, workspaceId, ids, received, `status = 'delivered', delivered_at = now(), platform_code = NULL, last_error = NULL`);
  }

  async markFinal(
    workspaceId: WorkspaceId,
    ids: string[],
    received: PartitionKeyRange,
    status: 'rejected' | 'failed' | 'skipped' | 'in_doubt',
    platformCode: number | undefined,
    message: string,
    tx: Transaction,
  ): Promise<void> {
    await settle(tx, workspaceId, ids, received, `status = $5, platform_code = $6, last_error = $7`, [status, platformCode ?? null, message]);
  }

  async scheduleRetries(
    workspaceId: WorkspaceId,
    retries: RetrySchedule[],
    received: PartitionKeyRange,
    platformCode: number | undefined,
    message: string,
    tx: Transaction,
  ): Promise<void> {
    if (retries.length === 0) return;
    await tx.forWorkspace(workspaceId).execute(
      `UPDATE deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + r.delay_ms * interval '1 millisecond',
              platform_code = $4, last_error = $5, updated_at = now()
         FROM unnest($2::bigint[], $3::int[]) AS r(id, delay_ms)
        WHERE d.id = r.id AND d.workspace_id = $1 AND d.event_received_at >= $6 AND d.event_received_at < $7`,
      [retries.map((r) => r.id), retries.map((r) => Math.round(r.delayMs)), platformCode ?? null, message, received.from, received.to],
    );
  }

  // Deliveries an in-doubt attempt carried count that attempt too (their settle adds this one).
  async countInDoubtAttempts(workspaceId: WorkspaceId, attempts: Map<string, number>, received: PartitionKeyRange, tx: Transaction): Promise<void> {
    if (attempts.size === 0) return;
    await tx.forWorkspace(workspaceId).execute(
      `UPDATE deliveries d SET attempts = GREATEST(d.attempts, r.attempts), updated_at = now()
         FROM unnest($2::bigint[], $3::int[]) AS r(id, attempts)
        WHERE d.id = r.id AND d.workspace_id = $1 AND d.event_received_at >= $4 AND d.event_received_at < $5`,
      [[...attempts.keys()], [...attempts.values()], received.from, received.to],
    );
  }

  // Held deliveries of an invalid connector stay pending; the request that found the credentials
  // invalid still counts as one of their attempts, so the attempt record and the debugger agree and
  // the request after the fix is the next attempt, not a second "attempt 1". Retrying is bounded by
  // age (retry_since), not by this count, so the held request costs no retry budget.
  async holdForCredentials(workspaceId: WorkspaceId, ids: string[], received: PartitionKeyRange, message: string, tx: Transaction): Promise<void> {
    await settle(tx, workspaceId, ids, received, 'last_error = $5', [message]);
  }

  // Both read an event not materialized yet for a connector as that connector's pending delivery.
  async statusesForEvents(workspaceId: WorkspaceId, eventRefs: string[]): Promise<Map<string, DeliveryStatusView[]>> {
    const byEvent = new Map<string, DeliveryStatusView[]>();
    if (eventRefs.length === 0) return byEvent;
    const rows = await this.db.forWorkspace(workspaceId).many<DeliveryStatusView & { eventRef: string }>(
      `SELECT "eventRef", "connectorId", status, attempts, "platformCode", "lastError", "nextAttemptAt", "deliveredAt" FROM (
         ${STATUS_COLUMNS} FROM deliveries WHERE workspace_id = $1 AND event_ref = ANY($2::uuid[])
         UNION ALL
         ${NOT_MATERIALIZED_COLUMNS}
           FROM events e JOIN connector_cursors cc ON cc.workspace_id = $1 AND ${beyondCursor('$1')}
          WHERE e.workspace_id = $1 AND e.id = ANY($2::uuid[])
       ) s ORDER BY id NULLS LAST, "connectorId"`,
      [eventRefs],
    );
    for (const { eventRef, ...status } of rows) byEvent.set(eventRef, [...(byEvent.get(eventRef) ?? []), status]);
    return byEvent;
  }

  // An event's deliveries, one per connector, with the ids its attempts carried (none yet, null,
  // for a delivery not materialized).
  ofEvent(workspaceId: WorkspaceId, eventRef: string): Promise<Array<DeliveryStatusView & { id: string | null }>> {
    return this.db.forWorkspace(workspaceId).many(
      `SELECT id::text, "connectorId", status, attempts, "platformCode", "lastError", "nextAttemptAt", "deliveredAt" FROM (
         ${STATUS_COLUMNS} FROM deliveries WHERE workspace_id = $1 AND event_ref = $2
         UNION ALL
         ${NOT_MATERIALIZED_COLUMNS}
           FROM events e JOIN connector_cursors cc ON cc.workspace_id = $1 AND ${beyondCursor('$1')}
          WHERE e.workspace_id = $1 AND e.id = $2
       ) s ORDER BY id NULLS LAST, "connectorId"`,
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

  // Events whose delivery (to one connector, or any) has one of the statuses, newest first (an
  // event a cursor has not reached is pending); the events debugger narrows its search to them.
  async eventRefsWithStatus(
    workspaceId: WorkspaceId,
    query: { statuses: string[] | null; connectorId?: string; from?: Date; to?: Date; limit: number },
  ): Promise<string[]> {
    const rows = await this.db.forWorkspace(workspaceId).many<{ ref: string }>(
      `SELECT ref FROM (
         SELECT event_ref AS ref, created_at AS at FROM deliveries
          WHERE workspace_id = $1 AND ($2::text[] IS NULL OR status = ANY($2::text[])) AND ($3::uuid IS NULL OR connector_id = $3)
            AND ($4::timestamptz IS NULL OR created_at >= $4) AND ($5::timestamptz IS NULL OR created_at < $5)
         UNION ALL
         SELECT e.id, e.received_at FROM connector_cursors cc CROSS JOIN LATERAL ${eventsBeyondCursor('$1')} AS e
          WHERE cc.workspace_id = $1 AND ($2::text[] IS NULL OR 'pending' = ANY($2::text[])) AND ($3::uuid IS NULL OR cc.connector_id = $3)
            AND ($4::timestamptz IS NULL OR e.received_at >= $4) AND ($5::timestamptz IS NULL OR e.received_at < $5)
       ) matching ORDER BY at DESC LIMIT $6`,
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

  // Pending deliveries of the workspace (or one connector), those not materialized yet included,
  // and the age of the oldest, in minutes.
  async pendingSummary(workspaceId: WorkspaceId, connectorId: string | null): Promise<{ pending: number; oldestMinutes: number | null }> {
    const row = await this.db.forWorkspace(workspaceId).one<{ pending: number; oldest: number | null }>(
      // Through the workspace's connectors: the pending index leads with connector_id, so this reads
      // the workspace's own pending rows, not every workspace's.
      `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(since)) / 60 AS oldest FROM (
         SELECT d.created_at AS since
           FROM connectors c JOIN deliveries d ON d.connector_id = c.id AND d.status = 'pending' AND d.workspace_id = $1
          WHERE c.workspace_id = $1 AND ($2::uuid IS NULL OR c.id = $2)
         UNION ALL
         SELECT e.received_at FROM connector_cursors cc CROSS JOIN LATERAL ${eventsBeyondCursor('$1')} AS e
          WHERE cc.workspace_id = $1 AND ($2::uuid IS NULL OR cc.connector_id = $2)
       ) pending`,
      [connectorId],
    );
    return { pending: row?.pending ?? 0, oldestMinutes: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest) };
  }

  // For the sweeper: which connectors have work, in every workspace: active ones with due rows,
  // and any whose cursor has events to materialize (an invalid one's rows are then held). The
  // second part is two index probes per cursor, the first event after it and one of the
  // transactions it saw running, with no anti-join on deliveries: the cursor passes an event in
  // the statement that writes its row, so an event beyond it has none (and a spurious nudge would
  // cost one empty materialization). With the anti-join, Postgres hashed every delivery row of
  // the connector on each sweep to find one event.
  async connectorsWithDueWork(limit = 1000): Promise<Array<{ workspaceId: WorkspaceId; connectorId: string }>> {
    return this.db.acrossWorkspaces('delivery-sweep').many(
      `SELECT d.workspace_id AS "workspaceId", d.connector_id AS "connectorId"
         FROM deliveries d JOIN connectors c ON c.id = d.connector_id AND c.status = 'active'
        WHERE d.status = 'pending' AND d.next_attempt_at <= now()
       UNION
       SELECT cc.workspace_id, cc.connector_id FROM connector_cursors cc
        WHERE EXISTS (SELECT 1 FROM events e WHERE e.workspace_id = cc.workspace_id AND ${AFTER_CURSOR})
           OR EXISTS (SELECT 1 FROM events e WHERE e.workspace_id = cc.workspace_id AND ${OF_IN_FLIGHT})
        LIMIT $1`,
      [limit],
    );
  }

  // For the process-wide Prometheus gauges, which carry no workspace label; events not
  // materialized yet are pending too.
  async pendingAcrossWorkspaces(): Promise<{ pending: number; oldestSeconds: number }> {
    const row = await this.db
      .acrossWorkspaces('delivery-gauges')
      .one<{ pending: number; oldest: number | null }>(
        `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(since))::float8 AS oldest FROM (
           SELECT created_at AS since FROM deliveries WHERE status = 'pending'
           UNION ALL
           SELECT e.received_at FROM connector_cursors cc CROSS JOIN LATERAL ${eventsBeyondCursor('cc.workspace_id')} AS e
         ) pending`,
      );
    return { pending: row?.pending ?? 0, oldestSeconds: Number(row?.oldest ?? 0) };
  }
}

// A settled attempt: counts it and sets the outcome columns (`set`, with placeholders from $5).
async function settle(tx: Transaction, workspaceId: WorkspaceId, ids: string[], received: PartitionKeyRange, set: string, extra: unknown[] = []): Promise<void> {
  if (ids.length === 0) return;
  await tx.forWorkspace(workspaceId).execute(
    `UPDATE deliveries SET attempts = attempts + 1, updated_at = now(), ${set}
      WHERE workspace_id = $1 AND id = ANY($2::bigint[]) AND event_received_at >= $3 AND event_received_at < $4`,
    [ids, received.from, received.to, ...extra],
  );
}
