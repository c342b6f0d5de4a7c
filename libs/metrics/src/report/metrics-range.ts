export type Granularity = 'minute' | 'hour' | 'day';

export interface BucketSpan {
  granularity: Granularity;
  from: Date;
  to: Date;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function floorTo(time: number, step: number): number {
  return Math.floor(time / step) * step;
}
function ceilTo(time: number, step: number): number {
  return Math.ceil(time / step) * step;
}

// Covers [from, to) exactly with the fewest buckets: whole days in the middle, whole hours next to
// them, minutes at the edges. Times are whole minutes (the finest bucket); UTC throughout.
export function coveringSpans(from: Date, to: Date): BucketSpan[] {
  const start = floorTo(from.getTime(), MINUTE);
  const end = floorTo(to.getTime(), MINUTE);
  if (end <= start) return [];
  const spans: BucketSpan[] = [];
  const push = (granularity: Granularity, a: number, b: number) => {
    if (b > a) spans.push({ granularity, from: new Date(a), to: new Date(b) });
  };
  const hourStart = Math.min(ceilTo(start, HOUR), end);
  const hourEnd = Math.max(floorTo(end, HOUR), hourStart);
  const dayStart = Math.min(ceilTo(hourStart, DAY), hourEnd);
  const dayEnd = Math.max(floorTo(hourEnd, DAY), dayStart);
  push('minute', start, hourStart);
  push('hour', hourStart, dayStart);
  push('day', dayStart, dayEnd);
  push('hour', dayEnd, hourEnd);
  push('minute', hourEnd, end);
  return spans;
}

// The series resolution: minutes up to 6 hours, hours up to 7 days, days beyond.
export function seriesGranularity(from: Date, to: Date): Granularity {
  const span = to.getTime() - from.getTime();
  if (span <= 6 * HOUR) return 'minute';
  if (span <= 7 * DAY) return 'hour';
  return 'day';
}
