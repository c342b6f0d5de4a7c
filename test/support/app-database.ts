import { Database, Transaction } from '@app/core';
import { DeliveriesRepository, Materialized } from '@app/platforms';
import type { IngestWorkspace } from './ingest-client';
import type { TestApp } from './test-app';

class RolledBack extends Error {}

// Runs `work` in a transaction of the app's own Database (the statements the app sends, through
// its prepared-statement path) and rolls it back: for sending a write without keeping it.
export async function rolledBackIn(db: Database, work: (tx: Transaction) => Promise<unknown>): Promise<void> {
  await db
    .transaction(async (tx) => {
      await work(tx);
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
}

// The worker's first step for a connector (an api-only test app runs none): the pending delivery
// rows of the events its cursor has not passed.
export function materializeDeliveries(api: TestApp, ws: IngestWorkspace, limit = 100): Promise<Materialized> {
  return api.app.get(DeliveriesRepository).materialize(ws.workspaceId, ws.connectorId as string, limit);
}
