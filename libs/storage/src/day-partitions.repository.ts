import { Injectable } from '@nestjs/common';
import { Database } from '@app/core';
import { DayPartitionedTable, nextDay, partitionDay, partitionName } from './day-partitions';

export interface DayPartition {
  name: string;
  day: Date;
  // False for a partition already detached whose drop did not finish: it only waits to be dropped.
  attached: boolean;
  // A DETACH ... CONCURRENTLY that was interrupted: it is finished (FINALIZE) before the drop.
  detachPending: boolean;
}

// How long a partition's DDL may wait for a lock before it gives up until the next run, so that
// what queues behind it (writes of the referenced connectors) never waits longer.
const DDL_LOCK_TIMEOUT = '5s';

// The day partitions' DDL, for every table partitioned by day (the owners' rows are only ever
// read or written by the owners' repositories; this creates and drops whole partitions). Table
// and partition names are spliced into the text (DDL takes no parameters); they come only from
// DayPartitionedTable and partitionName, never from input.
@Injectable()
export class DayPartitionsRepository {
  constructor(private readonly db: Database) {}

  // The partitions of `table`, and its detached day tables still waiting to be dropped.
  async list(table: DayPartitionedTable): Promise<DayPartition[]> {
    const rows = await this.db.acrossWorkspaces('day-partitions').many<{ name: string; attached: boolean; detach_pending: boolean }>(
      `SELECT c.relname AS name, i.inhrelid IS NOT NULL AS attached, coalesce(i.inhdetachpending, false) AS detach_pending
         FROM pg_class c
         LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND i.inhparent = $1::regclass
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname LIKE $2
        ORDER BY c.relname`,
      [table, `${table}\\_p%`],
    );
    return rows.flatMap((row) => {
      const day = partitionDay(table, row.name);
      return day ? [{ name: row.name, day, attached: row.attached, detachPending: row.detach_pending }] : [];
    });
  }

  // Creates the day's partition unless it exists: a table like the parent, then attached, which
  // takes only a SHARE UPDATE EXCLUSIVE lock on the parent (CREATE TABLE ... PARTITION OF would
  // take an ACCESS EXCLUSIVE one and wait for, then block, ingest). Returns whether it created it.
  async create(table: DayPartitionedTable, day: Date): Promise<boolean> {
    const name = partitionName(table, day);
    return this.db.transaction(async (tx) => {
      const ddl = tx.acrossWorkspaces('day-partitions');
      await ddl.execute(`SET LOCAL lock_timeout = '${DDL_LOCK_TIMEOUT}'`);
      // Two workers creating the same day: the second finds it made.
      await ddl.execute('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
      const exists = await ddl.one<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [name]);
      if (exists?.found) return false;
      await ddl.execute(`CREATE TABLE "${name}" (LIKE "${table}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await ddl.execute(
        `ALTER TABLE "${table}" ATTACH PARTITION "${name}" FOR VALUES FROM ('${day.toISOString()}') TO ('${nextDay(day).toISOString()}')`,
      );
      return true;
    });
  }

  // Detaches the partition without blocking its parent (CONCURRENTLY: it waits for the
  // transactions using the partition, while ingest goes on), then drops it.
  async drop(table: DayPartitionedTable, partition: DayPartition): Promise<void> {
    const ddl = this.db.acrossWorkspaces('day-partitions');
    if (partition.detachPending) await ddl.execute(`ALTER TABLE "${table}" DETACH PARTITION "${partition.name}" FINALIZE`);
    else if (partition.attached) await ddl.execute(`ALTER TABLE "${table}" DETACH PARTITION "${partition.name}" CONCURRENTLY`);
    await this.db.transaction(async (tx) => {
      const inTx = tx.acrossWorkspaces('day-partitions');
      await inTx.execute(`SET LOCAL lock_timeout = '${DDL_LOCK_TIMEOUT}'`);
      await inTx.execute(`DROP TABLE IF EXISTS "${partition.name}"`);
    });
  }
}
