import { timeOrderedUuid } from './time-ordered-uuid';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedUuid', () => {
  it('is a version 7 UUID whose first 48 bits are the Unix milliseconds', () => {
    const now = Date.UTC(2026, 11, 3, 15, 0, 0, 123);
    const id = timeOrderedUuid(now);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
  });

  it('sorts as text in the order of its milliseconds', () => {
    const times = [1, 255, 256, 65_535, 2 ** 32 - 1, 2 ** 32, Date.now(), 2 ** 48 - 1];
    const ids = times.map((time) => timeOrderedUuid(time));
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it('differs from one id to the next, past the random pool refills', () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 2000 }, () => timeOrderedUuid(now)));
    expect(ids.size).toBe(2000);
  });
});
