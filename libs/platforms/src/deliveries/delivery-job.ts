import { JobName } from '@app/core';

export interface DeliverConnectorJob {
  workspaceId: string;
  connectorId: string;
}

// One waiting job per connector is enough: it drains everything due when it runs. Ingest, replay
// and the sweeper all queue through here, so they deduplicate against each other.
export function deliveryJob(workspaceId: string, connectorId: string) {
  return {
    name: JobName.DeliverConnector,
    data: { workspaceId, connectorId } satisfies DeliverConnectorJob,
    opts: { deduplication: { id: `deliver:${connectorId}` }, removeOnComplete: true, removeOnFail: 1000 },
  };
}
