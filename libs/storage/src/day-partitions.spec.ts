import { daysToHave, isPastRetention, longestRetention, partitionDay, partitionName, utcDay } from './day-partitions';

describe('day partitions', () => {
  const at = (iso: string) => new Date(iso);

  it('names a day by its UTC date, whatever the time of day', () => {
    expect(partitionName('events', at('2026-12-03T00:00:00Z'))).toBe('events_p20261203');
    expect(partitionName('delivery_logs', at('2026-12-03T23:59:59.999Z'))).toBe('delivery_logs_p20261203');
    expect(utcDay(at('2026-12-03T23:59:59.999Z'))).toEqual(at('2026-12-03T00:00:00Z'));
  });

  it('reads the day back from a name of the same table only', () => {
    expect(partitionDay('events', 'events_p20261203')).toEqual(at('2026-12-03T00:00:00Z'));
    expect(partitionDay('events', 'raw_events_p20261203')).toBeUndefined();
    expect(partitionDay('raw_events', 'raw_events_p20261203')).toEqual(at('2026-12-03T00:00:00Z'));
    expect(partitionDay('events', 'events_p20261340')).toBeUndefined();
    expect(partitionDay('events', 'events_unpartitioned')).toBeUndefined();
  });

  it('has yesterday, today and the days ahead, across a month end', () => {
    expect(daysToHave(at('2026-12-30T12:00:00Z'), 3).map((day) => partitionName('events', day))).toEqual([
      'events_p20261229',
      'events_p20261230',
      'events_p20261231',
      'events_p20270101',
      'events_p20270102',
    ]);
  });

  it('is past retention only once the whole day is older than the retention', () => {
    const now = at('2026-12-10T06:00:00Z');
    expect(isPastRetention(at('2026-12-03T00:00:00Z'), now, 7)).toBe(false);
    expect(isPastRetention(at('2026-12-02T00:00:00Z'), now, 7)).toBe(true);
    expect(isPastRetention(at('2026-12-03T00:00:00Z'), at('2026-12-11T00:00:00Z'), 7)).toBe(true);
    expect(isPastRetention(at('2026-12-09T00:00:00Z'), now, 1)).toBe(false);
  });

  it('drops a day by the longest retention of any workspace, the default when there is none', () => {
    expect(longestRetention([7, 30, 1], 7)).toBe(30);
    expect(longestRetention([], 7)).toBe(7);
  });
});
