// The only statements allowed to touch workspace-owned rows of more than one workspace, each with
// the reason it cannot be scoped. A repository runs one through Database.acrossWorkspaces(name),
// which tags the statement; the SQL-capture test accepts an unscoped statement only with a tag
// from this list, so a new entry here is the one review point for a new cross-workspace query.
export const CROSS_WORKSPACE_QUERIES = {
  // A request carries only its ingest key; the key is how TrackLayer learns the workspace.
  'ingest-key-lookup': 'resolves an ingest key hash to its workspace',
  // The caller's own workspaces, found through the caller's memberships (scoped by user instead).
  'workspaces-of-user': 'lists the workspaces the calling user is a member of',
  // Accepting an invitation: its one-time token, not a workspace, finds it.
  'invitation-by-token': 'finds an invitation by the hash of its token',
  // The caller's open invitations, found by their own email (scoped by the caller instead).
  'invitations-of-email': 'lists the open invitations for the calling user email',
  // Key rotation re-seals every connector credential, whichever workspace owns it.
  'credential-reencryption': 're-encrypts connector credentials under the current key',
  // `npm run dev` re-registers every connector's pixel with the local platform sandbox.
  'dev-sandbox-pixels': 'lists connector pixels and sealed tokens for the local sandbox',
  // The worker's outbox sweeper looks for due work in every workspace.
  'delivery-sweep': 'finds connectors with due pending deliveries or events their cursor has not reached',
  // Process-wide Prometheus gauges; they never carry a workspace label.
  'delivery-gauges': 'counts pending deliveries across workspaces for /metrics',
  // Folds every transaction's metric increments into the counters, whichever workspace wrote them.
  'metrics-rollup': 'folds metric increments into metric counts',
  // The worker's pruning job deletes expired click ids by age, whichever workspace captured them.
  'click-id-pruning': 'deletes click ids older than the longest restore window',
  // The storage maintenance applies each workspace's retention settings; it starts from the list.
  'storage-retention': 'lists every workspace with its retention settings',
  // The worker's clean-up bounds the raw events kept for the debugger, in every workspace.
  'raw-events-retention': 'deletes raw events past the retention window and finds workspaces over the refused-event cap',
  // The storage maintenance creates day partitions ahead and drops whole days (of every workspace)
  // once past every workspace's retention and free of open work.
  'day-partitions': 'creates day partitions ahead and drops days past every workspace retention that hold no open work',
  // The worker's alert rules look at every workspace that has a connector, one page at a time.
  'alert-rules': 'lists the workspaces that have a connector, for the alert rules',
  // The worker's webhook sender takes due alert notifications of every workspace.
  'alert-webhooks': 'claims alert webhooks due to be sent',
  // The worker's clean-up deletes resolved alerts past their retention, whichever workspace raised them.
  'alert-retention': 'deletes alerts resolved longer ago than the retention',
} as const;

export type CrossWorkspaceQuery = keyof typeof CROSS_WORKSPACE_QUERIES;

export const CROSS_WORKSPACE_TAG = /^\/\* cross-workspace: ([a-z-]+) \*\//;

export function crossWorkspaceTag(name: CrossWorkspaceQuery): string {
  return `/* cross-workspace: ${name} */ `;
}
