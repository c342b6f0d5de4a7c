import { FaultQueue } from './fault-queue';

describe('FaultQueue', () => {
  it('serves a pixel its own faults first, in order, then global ones', () => {
    const queue = new FaultQueue();
    queue.enqueue(null, 'server_error', 1);
    queue.enqueue('P1', 'rate_limit', 2);
    queue.enqueue('P1', 'http_500', 1);

    expect(queue.take('P2')).toBe('server_error');
    expect(queue.take('P2')).toBeUndefined();
    expect(queue.take('P1')).toBe('rate_limit');
    expect(queue.take('P1')).toBe('rate_limit');
    expect(queue.take('P1')).toBe('http_500');
    expect(queue.take('P1')).toBeUndefined();
  });

  it('gives requests without a pixel only global faults', () => {
    const queue = new FaultQueue();
    queue.enqueue('P1', 'timeout', 1);
    expect(queue.take(null)).toBeUndefined();
    queue.enqueue(null, 'timeout', 1);
    expect(queue.take(null)).toBe('timeout');
  });

  it('merges consecutive faults of one mode and reports what is pending', () => {
    const queue = new FaultQueue();
    expect(queue.enqueue('P1', 'rate_limit', 2)).toBe(2);
    expect(queue.enqueue('P1', 'rate_limit', 3)).toBe(5);
    expect(queue.list()).toEqual([{ pixelCode: 'P1', mode: 'rate_limit', remaining: 5 }]);
    queue.clear();
    expect(queue.list()).toEqual([]);
    expect(queue.take('P1')).toBeUndefined();
  });
});
