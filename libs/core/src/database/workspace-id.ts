declare const WORKSPACE_ID: unique symbol;

// A workspace id that came from a trusted place: the WorkspaceAccessGuard after a membership
// check, an ingest key lookup, a row of a workspace-owned table, or a job payload parsed with
// workspaceIdOf. Repository methods of workspace-owned tables take one first, so a connector id,
// an empty string or `undefined` cannot be passed where the tenant belongs.
export type WorkspaceId = string & { readonly [WORKSPACE_ID]: true };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isWorkspaceId(value: unknown): value is WorkspaceId {
  return typeof value === 'string' && UUID.test(value);
}

export function workspaceIdOf(value: unknown): WorkspaceId {
  if (!isWorkspaceId(value)) throw new Error(`Not a workspace id: ${JSON.stringify(value)}`);
  return value;
}
