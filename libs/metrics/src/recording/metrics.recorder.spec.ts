import { mergeIncrements } from './metrics.recorder';
import { Metric, NO_CONNECTOR } from './metric-names';

describe('mergeIncrements', () => {
  it('sums increments with the same counter key and drops zeros', () => {
    expect(
      mergeIncrements([
        { metric: Metric.Accepted, value: 2 },
        { metric: Metric.Rejected, dim1: 'invalid_field', value: 1 },
        { metric: Metric.Accepted, value: 3 },
        { metric: Metric.Rejected, dim1: 'event_too_old', value: 1 },
        { metric: Metric.Delivered, connectorId: 'c-1', value: 0 },
      ]),
    ).toEqual([
      { c: NO_CONNECTOR, m: 'accepted', d1: '', d2: '', v: 5 },
      { c: NO_CONNECTOR, m: 'rejected', d1: 'invalid_field', d2: '', v: 1 },
      { c: NO_CONNECTOR, m: 'rejected', d1: 'event_too_old', d2: '', v: 1 },
    ]);
  });

  it('keeps connectors apart', () => {
    const merged = mergeIncrements([
      { metric: Metric.Delivered, connectorId: 'c-1', value: 1 },
      { metric: Metric.Delivered, connectorId: 'c-2', value: 1 },
    ]);
    expect(merged.map((row) => row.c)).toEqual(['c-1', 'c-2']);
  });
});
