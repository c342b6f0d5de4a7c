import { hash } from 'node:crypto';
import { postgresArrayLiteral } from './array-literal';
import type { Transaction } from './transaction';
import { WorkspaceId, workspaceIdOf } from './workspace-id';

// A named result of a CombinedStatement: the rows of one SELECT, typed by whoever added it.
export interface StatementOutput<T> {
  readonly name: string;
  // Phantom field: carries T to `StatementResult.rows` without a cast at the call site.
  readonly rowType?: T;
}

export class StatementResult {
  constructor(private readonly columns: Record<string, unknown>) {}

  rows<T>(output: StatementOutput<T>): T[] {
    return (this.columns[output.name] as T[] | null) ?? [];
  }
}

// A statement's text depends only on which parts were added, never on how many rows they carry, so
// the texts are few; their names are remembered rather than hashed again on every run.
const MAX_REMEMBERED_NAMES = 1000;
const statementNames = new Map<string, string>();

function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    if (statementNames.size >= MAX_REMEMBERED_NAMES) statementNames.clear();
    name = `tl_${hash('sha1', sql, 'hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

// Several repositories' writes and reads sent to Postgres as ONE statement of CTEs: one round
// trip instead of one per repository, and one prepared statement to parse and plan once per
// connection. Each owner repository adds its own part (its SQL stays in that repository); this
// class numbers the placeholders and makes the outputs one row of JSON arrays.
// The statement belongs to one workspace: $1 is its id, and parts write `statement.workspace`
// in their conditions instead of binding a workspace of their own.
// Data-modifying CTEs all run exactly once whether or not anything reads them, and they see
// the database as it was when the statement began, not each other's rows (RETURNING is how one
// part hands rows to another).
export class CombinedStatement {
  readonly workspace = '$1::uuid';
  private readonly parts: string[] = [];
  private readonly outputs: string[] = [];
  private readonly names = new Set<string>();
  private readonly values: unknown[];

  constructor(readonly workspaceId: WorkspaceId) {
    this.values = [workspaceIdOf(workspaceId)];
  }

  // The placeholder for a value, with an optional cast ("uuid[]", "text").
  param(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }

  with(name: string, sql: string): void {
    this.claim(name);
    this.parts.push(`${name} AS (${sql})`);
  }

  output<T>(name: string, select: string): StatementOutput<T> {
    this.claim(name);
    this.outputs.push(`(SELECT json_agg(r) FROM (${select}) r) AS "${name}"`);
    return { name };
  }

  get sql(): string {
    const select = `SELECT ${this.outputs.length > 0 ? this.outputs.join(',\n       ') : 'NULL AS "none"'}`;
    return this.parts.length > 0 ? `WITH ${this.parts.join(',\n')}\n${select}` : select;
  }

  get params(): unknown[] {
    return [...this.values];
  }

  // Runs as a named prepared statement in the transaction (see Transaction.prepared). A statement
  // no part was added to sends nothing.
  async run(tx: Transaction): Promise<StatementResult> {
    if (this.names.size === 0) return new StatementResult({});
    const sql = this.sql;
    const name = statementName(sql);
    const values = this.values.map((value) => (Array.isArray(value) ? (postgresArrayLiteral(value) ?? value) : value));
    const rows = await tx.prepared<Record<string, unknown>>(name, sql, values);
    return new StatementResult(rows[0] ?? {});
  }

  private claim(name: string): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid statement part name "${name}"`);
    if (this.names.has(name)) throw new Error(`Statement part "${name}" added twice`);
    this.names.add(name);
  }
}
