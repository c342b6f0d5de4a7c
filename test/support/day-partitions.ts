import { DAY_MS } from '@app/core';
import { DAY_PARTITIONED_TABLES, nextDay, partitionName, utcDay } from '@app/storage';
import { TestDatabase } from './test-database';

// Day partitions of every day-partitioned table for the days `daysAgo` before now, so a test can
// date rows in the past (the migration and the worker create only yesterday onwards).
export async function addPastDayPartitions(db: TestDatabase, daysAgo: number[]): Promise<void> {
  for (const ago of daysAgo) {
    const day = utcDay(new Date(Date.now() - ago * DAY_MS));
    for (const table of DAY_PARTITIONED_TABLES) {
      await db.query(
        `CREATE TABLE IF NOT EXISTS ${partitionName(table, day)} PARTITION OF ${table} FOR VALUES FROM ('${day.toISOString()}') TO ('${nextDay(day).toISOString()}')`,
      );
    }
  }
}
