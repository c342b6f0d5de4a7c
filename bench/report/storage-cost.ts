import type { StorageCost } from './bench-results';

// Issue 21's figures before its storage work, for the before/after line of every run: the bench
// on b99f819 (README, 2026-12-03), and the 2.9 KB before raw events and click ids by kind (c4210d0,
// docs/benchmark.md). Runs on other code are compared with these.
export const STORAGE_BEFORE_ISSUE_21 = [
  { code: 'b99f819', bytesPerEvent: 4_781, what: 'before issue 21' },
  { code: 'c4210d0', bytesPerEvent: 2_953, what: 'before raw events and click ids by kind' },
] as const;

export interface TableSize {
  // The top-level table: a partitioned table's partitions are summed into it.
  table: string;
  bytes: number;
}

// Bytes on disk over the events stored, the tables largest first. A table of 0 bytes is kept out
// of the list (it cannot be one an event writes).
export function storageCostOf(moment: StorageCost['moment'], sizes: TableSize[], events: number): StorageCost {
  const byTable = Object.fromEntries([...sizes].filter((size) => size.bytes > 0).sort((a, b) => b.bytes - a.bytes).map((size) => [size.table, size.bytes]));
  const bytes = sizes.reduce((sum, size) => sum + size.bytes, 0);
  return { moment, bytes, events, bytesPerEvent: events === 0 ? 0 : Math.round(bytes / events), byTable };
}

// One line of the results: bytes per event, the share of the largest tables, and the same figure
// before issue 21 as a ratio.
export function storageLine(cost: StorageCost): string {
  const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
  const share = (bytes: number) => `${Math.round((bytes / cost.bytes) * 100)} %`;
  const tables = Object.entries(cost.byTable)
    .map(([table, bytes]) => `${table} ${kb(bytes)} (${share(bytes)})`)
    .join(', ');
  const before = STORAGE_BEFORE_ISSUE_21.map((b) => `${b.bytesPerEvent.toLocaleString('en-US')} ${b.what} (${b.code}, ${(cost.bytesPerEvent / b.bytesPerEvent).toFixed(2)}x)`).join('; ');
  return (
    `Storage ${cost.moment}: ${cost.bytesPerEvent.toLocaleString('en-US')} bytes on disk per stored event (${kb(cost.bytes)} over ${cost.events.toLocaleString('en-US')} events; ` +
    `${tables}). Before: ${before}.`
  );
}
