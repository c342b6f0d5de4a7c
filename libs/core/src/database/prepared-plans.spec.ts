import { isReplanPoint } from './prepared-plans';

describe('isReplanPoint', () => {
  it('drops cached plans at the 100th, 1,000th, 10,000th... execution only', () => {
    const points = Array.from({ length: 100_000 }, (_, i) => i + 1).filter(isReplanPoint);
    expect(points).toEqual([100, 1_000, 10_000, 100_000]);
  });
});
