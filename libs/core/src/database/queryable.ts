// What repositories run statements on: the pool (Database), one transaction (Transaction), or
// either of those bound to a workspace (forWorkspace) or tagged as a named cross-workspace query
// (acrossWorkspaces). Values are bound as $n parameters, never spliced into the text.
export interface Queryable {
  // Every row of the statement.
  many<T>(text: string, values?: readonly unknown[]): Promise<T[]>;
  // The first row, or undefined.
  one<T>(text: string, values?: readonly unknown[]): Promise<T | undefined>;
  // How many rows the statement inserted, updated or deleted.
  execute(text: string, values?: readonly unknown[]): Promise<number>;
}

export interface ObservedStatement {
  text: string;
  values: readonly unknown[];
}

// Sees every statement sent to Postgres; only the tests register one (the SQL-capture check).
export type StatementObserver = (statement: ObservedStatement) => void;

export interface StatementOutcome {
  rows: Array<Record<string, unknown>>;
  rowCount: number | null;
}

// Sends one statement, optionally as a named prepared statement.
export type StatementSender = (text: string, values: readonly unknown[], name?: string) => Promise<StatementOutcome>;
