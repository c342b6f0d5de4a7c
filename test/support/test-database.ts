import { Pool } from 'pg';

// The test's own connection to an app's database, for setting up and asserting rows directly.
// Separate from the app's Database on purpose: the SQL-capture check sees only what the app sends.
export class TestDatabase {
  private readonly pool: Pool;

  constructor(readonly url: string) {
    this.pool = new Pool({ connectionString: url, max: 4 });
    // Outage tests terminate every backend of the database, idle ones of this pool too: the pool
    // drops such a client and connects anew on the next query, which is all a test needs.
    this.pool.on('error', () => undefined);
  }

  // Rows as plain objects, loosely typed (any) as test assertions read them.
  async query<T = any>(text: string, values?: unknown[]): Promise<T[]> {
    return (await this.pool.query(text, values)).rows as T[];
  }

  // Statements on one connection inside BEGIN ... ROLLBACK (e.g. EXPLAIN ANALYZE of a locking query).
  async rolledBack<T>(work: (query: (text: string, values?: unknown[]) => Promise<any[]>) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      return await work(async (text, values) => (await client.query(text, values)).rows);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
