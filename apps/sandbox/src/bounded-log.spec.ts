import { BoundedLog } from './bounded-log';

function contents<T>(log: BoundedLog<T>): T[] {
  const items: T[] = [];
  log.forEach((item) => items.push(item));
  return items;
}

describe('BoundedLog', () => {
  it('drops the oldest entries once their weight passes the cap', () => {
    const log = new BoundedLog<number[]>(5, (batch) => batch.length);
    log.push([1, 2]);
    log.push([3, 4]);
    log.push([5, 6]);
    expect(contents(log)).toEqual([[3, 4], [5, 6]]);
    expect(log.weight).toBe(4);
  });

  it('keeps the newest entry even when it alone is over the cap', () => {
    const log = new BoundedLog<number[]>(2, (batch) => batch.length);
    log.push([1]);
    log.push([1, 2, 3]);
    expect(contents(log)).toEqual([[1, 2, 3]]);
  });

  it('stays correct across compactions', () => {
    const log = new BoundedLog<number>(100, () => 1);
    for (let i = 0; i < 10_000; i++) log.push(i);
    const items = contents(log);
    expect(items).toHaveLength(100);
    expect(items[0]).toBe(9_900);
    expect(items[99]).toBe(9_999);
  });

  it('removes matching entries and recomputes the weight', () => {
    const log = new BoundedLog<number>(10, () => 1);
    [1, 2, 3, 4].forEach((n) => log.push(n));
    log.removeWhere((n) => n % 2 === 0);
    expect(contents(log)).toEqual([1, 3]);
    expect(log.weight).toBe(2);
    log.clear();
    expect(contents(log)).toEqual([]);
    expect(log.weight).toBe(0);
  });
});
