import { Database, ObservedStatement } from '@app/core';
import { TestDatabase } from '../test-database';
import { findUnscopedRelations, loadSqlParser, OwnedTables, ScopeViolation } from './workspace-scope.checker';

interface Offence {
  sql: string;
  violations: ScopeViolation[];
}

// Watches every statement an app under test sends to Postgres (Database.observe) and checks each
// distinct one with findUnscopedRelations. Every e2e test app and worker runs with one, so the
// whole e2e suite is the SQL-capture test: an app that sent an unscoped statement on a
// workspace-owned table fails its test file, naming the statement and the table. The failure is
// thrown by an afterAll of its own (sql-capture.setup.ts), never by the app's close(): a close
// that threw would skip the rest of the file's clean-up (the sandbox, a worker), and jest would
// then wait for their open handles instead of ending the run.
export class SqlCapture {
  private static readonly unreported = new Set<SqlCapture>();
  private readonly seen = new Map<string, ScopeViolation[]>();
  private readonly offences: Offence[] = [];
  private stopObserving: () => void = () => undefined;

  private constructor(private readonly owned: OwnedTables) {}

  static async attach(database: Database, testDb: TestDatabase): Promise<SqlCapture> {
    await loadSqlParser();
    const capture = new SqlCapture(await ownedTables(testDb));
    capture.stopObserving = database.observe((statement) => capture.check(statement));
    SqlCapture.unreported.add(capture);
    return capture;
  }

  // Stops every capture of this test file (closed apps' and any left open) and throws when one of
  // them saw an unscoped statement.
  static reportAll(): void {
    const offences = [...SqlCapture.unreported].flatMap((capture) => {
      capture.stop();
      return capture.offences;
    });
    SqlCapture.unreported.clear();
    if (offences.length === 0) return;
    const lines = offences.map(
      ({ sql, violations }) =>
        `- ${violations.map((v) => (v.alias === v.table ? v.table : `${v.table} ${v.alias}`)).join(', ')} in:\n    ${sql.replace(/\s+/g, ' ').slice(0, 600)}`,
    );
    throw new Error(
      `SQL capture: ${offences.length} statement(s) touched a workspace-owned table without "<table>.workspace_id = $1" ` +
        `in WHERE or ON (run it through Database.forWorkspace, or name it in CROSS_WORKSPACE_QUERIES):\n${lines.join('\n')}`,
    );
  }

  get statements(): string[] {
    return [...this.seen.keys()];
  }

  // Stops watching; what it saw is reported by reportAll at the end of the test file.
  stop(): void {
    this.stopObserving();
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
