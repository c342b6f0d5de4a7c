import { Database, ObservedStatement } from '@app/core';
import { TestDatabase } from '../test-database';
import { findUnscopedRelations, loadSqlParser, OwnedTables, ScopeViolation } from './workspace-scope.checker';

interface Offence {
  sql: string;
  violations: ScopeViolation[];
}

// Watches every statement an app under test sends to Postgres (Database.observe) and checks each
// distinct one with findUnscopedRelations. Every e2e test app and worker runs with one, so the
// whole e2e suite is the SQL-capture test: closing an app that sent an unscoped statement on a
// workspace-owned table fails the test file, naming the statement and the table.
export class SqlCapture {
  private readonly seen = new Map<string, ScopeViolation[]>();
  private readonly offences: Offence[] = [];
  private stopObserving: () => void = () => undefined;

  private constructor(private readonly owned: OwnedTables) {}

  static async attach(database: Database, testDb: TestDatabase): Promise<SqlCapture> {
    await loadSqlParser();
    const capture = new SqlCapture(await ownedTables(testDb));
    capture.stopObserving = database.observe((statement) => capture.check(statement));
    return capture;
  }

  get statements(): string[] {
    return [...this.seen.keys()];
  }

  // Stops watching and throws when any statement was unscoped.
  finish(): void {
    this.stopObserving();
    if (this.offences.length === 0) return;
    const lines = this.offences.map(
      ({ sql, violations }) =>
        `- ${violations.map((v) => (v.alias === v.table ? v.table : `${v.table} ${v.alias}`)).join(', ')} in:\n    ${sql.replace(/\s+/g, ' ').slice(0, 600)}`,
    );
    throw new Error(
      `SQL capture: ${this.offences.length} statement(s) touched a workspace-owned table without "<table>.workspace_id = $1" ` +
        `in WHERE or ON (run it through Database.forWorkspace, or name it in CROSS_WORKSPACE_QUERIES):\n${lines.join('\n')}`,
    );
  }

  private check({ text }: ObservedStatement): void {
    if (this.seen.has(text)) return;
    const violations = findUnscopedRelations(text, this.owned);
    this.seen.set(text, violations);
    if (violations.length > 0) this.offences.push({ sql: text, violations });
  }
}

// Read from the migrated schema, so a table added by a new migration is checked without a list
// to keep up to date.
async function ownedTables(testDb: TestDatabase): Promise<OwnedTables> {
  const rows = await testDb.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'workspace_id'`,
  );
  return new Map([...rows.map((row): [string, string] => [row.table_name, 'workspace_id']), ['workspaces', 'id']]);
}
