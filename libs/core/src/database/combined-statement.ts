import { createHash } from 'node:crypto';
import type { PgSession } from './pg-session';

// Executions per connection after which its cached plans are dropped: 100, 1,000, 10,000...
const REPLAN_FIRST_AT = 100;
const executionsByClient = new WeakMap<PgSession, number>();

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

// Several modules' writes and reads sent to Postgres as ONE statement of CTEs: one round trip
// instead of one per module, and one prepared statement to parse and plan once per connection
// (see run). Each module adds its own part (its SQL stays in that module); this class numbers the
// placeholders and makes the outputs one row of JSON arrays.
// Data-modifying CTEs all run exactly once whether or not anything reads them, and they see
// the database as it was when the statement began, not each other's rows (RETURNING is how one
// part hands rows to another).
export class CombinedStatement {
  private readonly parts: string[] = [];
  private readonly outputs: string[] = [];
  private readonly names = new Set<string>();
  private readonly values: unknown[] = [];

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

  // Runs as a named prepared statement: Postgres parses and plans it once per connection instead
  // of on every call (measured: a third of Postgres's CPU per small group commit). A generic plan
  // made while a table was nearly empty (a fresh install) may scan where it should probe, and is
  // kept until autovacuum's next ANALYZE; so each connection also drops its cached plans at its
  // 100th, 1,000th, 10,000th... execution.
  async run(session: PgSession): Promise<StatementResult> {
    const executions = (executionsByClient.get(session) ?? 0) + 1;
    executionsByClient.set(session, executions);
    if (isReplanPoint(executions)) await session.query('DISCARD PLANS');
    const sql = this.sql;
    const name = `tl_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    const result = await session.query({ name, text: sql, values: this.values });
    return new StatementResult(result.rows[0] ?? {});
  }

  private claim(name: string): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid statement part name "${name}"`);
    if (this.names.has(name)) throw new Error(`Statement part "${name}" added twice`);
    this.names.add(name);
  }
}

export function isReplanPoint(executions: number): boolean {
  if (executions < REPLAN_FIRST_AT) return false;
  let point = REPLAN_FIRST_AT;
  while (point < executions) point *= 10;
  return point === executions;
}
