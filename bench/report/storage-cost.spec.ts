import { storageCostOf, storageLine } from './storage-cost';

describe('storageCostOf', () => {
  it('sums the tables over the events, largest first, leaving out empty tables', () => {
    const cost = storageCostOf(
      'after ingest',
      [
        { table: 'event_dedup', bytes: 1_000 },
        { table: 'events', bytes: 3_000 },
        { table: 'delivery_logs', bytes: 0 },
      ],
      2,
    );
    expect(cost).toEqual({ moment: 'after ingest', bytes: 4_000, events: 2, bytesPerEvent: 2_000, byTable: { events: 3_000, event_dedup: 1_000 } });
    expect(Object.keys(cost.byTable)).toEqual(['events', 'event_dedup']);
  });

  it('gives 0 bytes per event when nothing is stored', () => {
    expect(storageCostOf('after delivery', [{ table: 'events', bytes: 8_192 }], 0).bytesPerEvent).toBe(0);
  });
});

describe('storageLine', () => {
  it('shows the shares and the figure against the ones before issue 21', () => {
    const line = storageLine(storageCostOf('after ingest', [{ table: 'events', bytes: 3 * 1024 * 1024 }, { table: 'click_ids', bytes: 1024 * 1024 }], 1_000));
    expect(line).toContain('Storage after ingest: 4,194 bytes on disk per stored event (4,096 KB over 1,000 events; events 3,072 KB (75 %), click_ids 1,024 KB (25 %))');
    expect(line).toContain('4,781 before issue 21 (b99f819, 0.88x)');
    expect(line).toContain('2,953 before raw events and click ids by kind (c4210d0, 1.42x)');
  });
});
