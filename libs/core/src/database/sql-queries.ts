import { crossWorkspaceTag, CrossWorkspaceQuery } from './cross-workspace-queries';
import { Queryable, StatementSender } from './queryable';
import { SqlSession } from './sql-session';
import { WorkspaceId, workspaceIdOf } from './workspace-id';

// Statements over a sender (the pool, or one transaction's connection), with values bound ahead
// of the caller's (the workspace as $1) or a tag in front of the text (a named cross-workspace
// query). Values are always bound as $n parameters, never spliced into the text.
export class SqlQueries implements SqlSession {
  constructor(
    protected readonly send: StatementSender,
    private readonly leading: readonly unknown[] = [],
    private readonly tag = '',
  ) {}

  // $1 is the workspace in every statement run through the result; the caller's values are $2...
  forWorkspace(workspaceId: WorkspaceId): Queryable {
    return new SqlQueries(this.send, [workspaceIdOf(workspaceId)]);
  }

  acrossWorkspaces(name: CrossWorkspaceQuery): Queryable {
    return new SqlQueries(this.send, [], crossWorkspaceTag(name));
  }

  async many<T>(text: string, values: readonly unknown[] = []): Promise<T[]> {
    return (await this.run(text, values)).rows as T[];
  }

  async one<T>(text: string, values: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.run(text, values)).rows[0] as T | undefined;
  }

  async execute(text: string, values: readonly unknown[] = []): Promise<number> {
    return (await this.run(text, values)).rowCount ?? 0;
  }

  private run(text: string, values: readonly unknown[]) {
    return this.send(this.tag + text, this.leading.length > 0 ? [...this.leading, ...values] : values);
  }
}
