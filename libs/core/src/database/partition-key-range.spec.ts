import fc from 'fast-check';
import { partitionKeyRange } from './partition-key-range';

describe('partitionKeyRange', () => {
  it('holds every key, and a key up to a millisecond later (the microseconds a Date lost)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4_102_444_800_000 }), { minLength: 1, maxLength: 50 }), (times) => {
        const { from, to } = partitionKeyRange(times.map((t) => new Date(t)));
        for (const t of times) {
          expect(t).toBeGreaterThanOrEqual(from.getTime());
          expect(t + 0.999).toBeLessThan(to.getTime());
        }
        expect(from.getTime()).toBe(Math.min(...times));
        expect(to.getTime()).toBe(Math.max(...times) + 1);
      }),
    );
  });

  it('refuses no keys: a statement with no rows to find needs no range', () => {
    expect(() => partitionKeyRange([])).toThrow('at least one key');
  });
});
