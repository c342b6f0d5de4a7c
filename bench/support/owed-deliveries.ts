import type { BenchDatabase } from './bench-database';

export interface OwedDeliveries {
  // Delivery rows of the connectors, all statuses.
  rows: number;
  // (event, connector) pairs a connector's cursor has not passed: owed, with no row yet (the
  // worker writes the row before its first claim, docs/delivery.md).
  beyondCursor: number;
}

// What the workspace's connectors owe, in one statement (one snapshot).
export async function owedDeliveries(db: BenchDatabase, workspaceId: string, connectorIds: string[]): Promise<OwedDeliveries> {
  const [row] = await db.query<OwedDeliveries>(
    `SELECT (SELECT count(*) FROM deliveries WHERE workspace_id = $1 AND connector_id = ANY($2::uuid[]))::int AS rows,
            (SELECT count(*) FROM connector_cursors cc JOIN events e
                ON e.workspace_id = cc.workspace_id AND ((e.tx, e.id) > (cc.tx, cc.event_ref) OR e.tx = ANY (cc.in_flight))
              WHERE cc.workspace_id = $1 AND cc.connector_id = ANY($2::uuid[]))::int AS "beyondCursor"`,
    [workspaceId, connectorIds],
  );
  return row;
}
