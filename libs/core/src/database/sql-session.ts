import { CrossWorkspaceQuery } from './cross-workspace-queries';
import { Queryable } from './queryable';
import { WorkspaceId } from './workspace-id';

// What both the pool (Database) and one transaction (Transaction) offer a repository: plain
// statements for tables no workspace owns, statements bound to one workspace ($1), and the named
// cross-workspace statements of CROSS_WORKSPACE_QUERIES.
export interface SqlSession extends Queryable {
  forWorkspace(workspaceId: WorkspaceId): Queryable;
  acrossWorkspaces(name: CrossWorkspaceQuery): Queryable;
}
