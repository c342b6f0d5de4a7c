import { CrossWorkspaceQuery } from './cross-workspace-queries';
import { Queryable, StatementSender } from './queryable';
import { SqlQueries } from './sql-queries';
import { SqlSession } from './sql-session';
import { WorkspaceId } from './workspace-id';

// One transaction on one pooled connection (Database.transaction opens, commits or rolls it back).
export class Transaction implements SqlSession {
  private readonly queries: SqlQueries;

  constructor(
    private readonly send: StatementSender,
    // Aborts when the connection behind the transaction ends (the server terminated it, the network
    // dropped): work held open across a slow call learns at once that it can no longer commit.
    readonly connectionLost: AbortSignal,
  ) {
    this.queries = new SqlQueries(send);
  }

  forWorkspace(workspaceId: WorkspaceId): Queryable {
    return SqlQueries.forWorkspace(this.send, workspaceId);
  }

  acrossWorkspaces(name: CrossWorkspaceQuery): Queryable {
    return SqlQueries.acrossWorkspaces(this.send, name);
  }

  many<T>(text: string, values?: readonly unknown[]): Promise<T[]> {
    return this.queries.many<T>(text, values);
  }

  one<T>(text: string, values?: readonly unknown[]): Promise<T | undefined> {
    return this.queries.one<T>(text, values);
  }

  execute(text: string, values?: readonly unknown[]): Promise<number> {
    return this.queries.execute(text, values);
  }

  // A named prepared statement: Postgres parses and plans it once per connection instead of on
  // every call (measured on ingest: a third of Postgres's CPU per small group commit).
  async prepared<T>(name: string, text: string, values: readonly unknown[]): Promise<T[]> {
    return (await this.send(text, values, name)).rows as T[];
  }
}
