import { storageCostOf, TableSize } from '../report/storage-cost';
import type { StorageCost } from '../report/bench-results';
import type { BenchDatabase } from './bench-database';

// What the stored events cost on disk: every workspace-owned table (a workspace_id column) with
// its indexes and TOAST, over the events stored; the baseline's own tables are not TrackLayer's.
// A partitioned table has no storage of its own (pg_total_relation_size of the parent is 0), so
// a partitioned table is summed over its leaf partitions (pg_partition_tree, which gives nothing
// for a plain table); the same query before and after partitioning.
export async function storageCost(db: BenchDatabase, moment: StorageCost['moment']): Promise<StorageCost> {
  const rows = await db.query<{ table: string; bytes: string }>(
    `SELECT c.relname AS table,
            CASE WHEN c.relkind = 'p'
                 THEN (SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0) FROM pg_partition_tree(c.oid) t WHERE t.isleaf)
                 ELSE pg_total_relation_size(c.oid) END AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname NOT LIKE 'baseline\\_%'`,
  );
  const [{ events }] = await db.query<{ events: number }>('SELECT count(*)::int AS events FROM events');
  const sizes: TableSize[] = rows.map((row) => ({ table: row.table, bytes: Number(row.bytes) }));
  return storageCostOf(moment, sizes, events);
}
