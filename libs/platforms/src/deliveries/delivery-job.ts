import { JobName } from '@app/core';

export interface DeliverConnectorJob {
  workspaceId: string;
  connectorId: string;
}

// One waiting job per connector and slot is enough: a job drains everything due when it runs.
// `parallel` slots let that many workers drain one busy connector at once (their claims use SKIP
// LOCKED, so they take different rows). Ingest, replay and the sweeper all queue through here, so
// they deduplicate against each other.
export function deliveryJobs(workspaceId: string, connectorId: string, parallel: number) {
  return Array.from({ length: parallel }, (_, slot) => ({
    name: JobName.DeliverConnector,
    data: { workspaceId, connectorId } satisfies DeliverConnectorJob,
    opts: { deduplication: { id: `deliver:${connectorId}:${slot}` }, removeOnComplete: true, removeOnFail: 1000 },
  }));
}
