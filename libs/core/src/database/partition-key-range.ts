// A [from, to) range of a day-partitioned table's key that holds every given key. A statement that
// finds rows by id (a claimed batch's deliveries, their events' payloads) adds it, so Postgres
// prunes to the days those rows are in; by id alone it probes the index of every day partition
// (nine or more) for every id. Keys read back as Dates have lost Postgres's microseconds, so `to`
// is a millisecond past the latest: a key truncated on the way out is still inside.
export interface PartitionKeyRange {
  from: Date;
  to: Date;
}

export function partitionKeyRange(keys: readonly Date[]): PartitionKeyRange {
  if (keys.length === 0) throw new Error('partitionKeyRange needs at least one key');
  let min = keys[0].getTime();
  let max = min;
  for (const key of keys) {
    const at = key.getTime();
    if (at < min) min = at;
    if (at > max) max = at;
  }
  return { from: new Date(min), to: new Date(max + 1) };
}
