import { readCount, readNumber } from './numeric-input';

describe('readNumber', () => {
  it('reads finite numbers and decimal text', () => {
    expect(readNumber(12.5)).toBe(12.5);
    expect(readNumber(0)).toBe(0);
    expect(readNumber(-3)).toBe(-3);
    expect(readNumber(' 12.50 ')).toBe(12.5);
    expect(readNumber('1e3')).toBe(1000);
    expect(readNumber('.5')).toBe(0.5);
    expect(readNumber('+7')).toBe(7);
  });

  it('refuses what Number() would wrongly accept or mangle', () => {
    for (const value of ['', ' ', '0x1f', '12,50', '12 EUR', 'Infinity', 'NaN', '1e999', Number.NaN, Infinity, null, true, [], {}]) {
      expect(readNumber(value)).toBeUndefined();
    }
  });
});

describe('readCount', () => {
  it('reads non-negative integers and digit text', () => {
    expect(readCount(0)).toBe(0);
    expect(readCount(3)).toBe(3);
    expect(readCount(' 3 ')).toBe(3);
  });

  it('refuses fractions, negatives, huge values and other types', () => {
    for (const value of [1.5, -1, '1.5', '-1', '', 'two', 2 ** 60, '99999999999999999999', null, true]) {
      expect(readCount(value)).toBeUndefined();
    }
  });
});
