import { countWithinByteBudget } from './response-byte-budget';

describe('countWithinByteBudget', () => {
  it('keeps the longest prefix within the budget', () => {
    expect(countWithinByteBudget([400, 400, 400], 1000)).toBe(2);
    expect(countWithinByteBudget([400, 600, 1], 1000)).toBe(2);
    expect(countWithinByteBudget([10, 20], 1000)).toBe(2);
    expect(countWithinByteBudget([], 1000)).toBe(0);
  });

  it('always keeps the first item, however large', () => {
    expect(countWithinByteBudget([5000, 1], 1000)).toBe(1);
  });
});
