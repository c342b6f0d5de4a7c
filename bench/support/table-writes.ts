import type { BenchDatabase } from './bench-database';
import { sleep } from './http-json';

export type TableWrites = Record<string, { inserted: number; updated: number }>;

export interface PostgresCounters {
  tables: TableWrites;
  // Committed transactions in the bench database: with the table writes, what one event costs.
  commits: number;
}

// Rows each table received and transactions committed, from Postgres's own per-database
// statistics (not disturbed by other databases on the same server).
export async function postgresCounters(db: BenchDatabase): Promise<PostgresCounters> {
  // Backends publish their counters about a second after going idle (PostgreSQL 15 pgstat).
  await sleep(1500);
  // A day partition's rows count for its table (events_p20261206 for events): partitioned
  // parents have no counters of their own.
  const rows = await db.query<{ relname: string; ins: string; upd: string }>(
    `SELECT coalesce(pg_partition_root(relid), relid)::regclass::text AS relname, sum(n_tup_ins) AS ins, sum(n_tup_upd) AS upd
       FROM pg_stat_user_tables GROUP BY 1`,
  );
  const [database] = await db.query<{ commits: string }>('SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = current_database()');
  return {
    tables: Object.fromEntries(rows.map((row) => [row.relname, { inserted: Number(row.ins), updated: Number(row.upd) }])),
    commits: Number(database.commits),
  };
}

export function countersBetween(before: PostgresCounters, after: PostgresCounters): PostgresCounters {
  const tables: TableWrites = {};
  for (const [table, now] of Object.entries(after.tables)) {
    const then = before.tables[table] ?? { inserted: 0, updated: 0 };
    const inserted = now.inserted - then.inserted;
    const updated = now.updated - then.updated;
    if (inserted > 0 || updated > 0) tables[table] = { inserted, updated };
  }
  return { tables, commits: after.commits - before.commits };
}
