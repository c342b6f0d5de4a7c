import { DAY_MS } from '@app/core';

// The tables partitioned by UTC day (migration DayPartitions), each partition named
// `<table>_pYYYYMMDD` and holding [that day 00:00 UTC, the next day 00:00 UTC).
export type DayPartitionedTable = 'events' | 'raw_events' | 'deliveries' | 'delivery_logs';

export const DAY_PARTITIONED_TABLES: readonly DayPartitionedTable[] = ['events', 'raw_events', 'deliveries', 'delivery_logs'];

// Days created ahead of today: ingest never waits for a partition, and an api keeps ingesting
// this long while no worker runs (the migration creates as many).
export const PARTITION_DAYS_AHEAD = 7;

// Midnight UTC of the day `at` falls in.
export function utcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

export function nextDay(day: Date): Date {
  return new Date(day.getTime() + DAY_MS);
}

export function partitionName(table: DayPartitionedTable, day: Date): string {
  return `${table}_p${utcDay(day).toISOString().slice(0, 10).replace(/-/g, '')}`;
}

// The day a partition of `table` holds, or undefined for a name that is not one of its days.
export function partitionDay(table: DayPartitionedTable, name: string): Date | undefined {
  const match = new RegExp(`^${table}_p(\\d{4})(\\d{2})(\\d{2})$`).exec(name);
  if (!match) return undefined;
  const day = new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00.000Z`);
  return Number.isNaN(day.getTime()) || partitionName(table, day) !== name ? undefined : day;
}

// The days every run makes sure exist: yesterday (a transaction that began before midnight
// stamps its rows with its start), today and `ahead` days after it.
export function daysToHave(now: Date, ahead = PARTITION_DAYS_AHEAD): Date[] {
  const today = utcDay(now);
  return Array.from({ length: ahead + 2 }, (_, i) => new Date(today.getTime() + (i - 1) * DAY_MS));
}

// A day is past a retention of `days` when all of it is: its last instant is older than
// now - days. So a retention of 7 days keeps the whole of the day 7 days ago.
export function isPastRetention(day: Date, now: Date, days: number): boolean {
  return nextDay(utcDay(day)).getTime() <= now.getTime() - days * DAY_MS;
}

// The retention a whole day may be dropped by: the longest any workspace has (the shorter ones
// are applied row by row by the batched deletes), the default when there is no workspace.
export function longestRetention(retentions: readonly number[], fallback: number): number {
  return retentions.length === 0 ? fallback : Math.max(...retentions);
}
