import { Queue } from 'bullmq';
import { AppConfig } from '@app/core';
import { DeliveryOutbox } from './delivery-outbox';

describe('DeliveryOutbox', () => {
  const connectorsOf = (add: jest.Mock) => add.mock.calls.map(([jobs]: [Array<{ data: { connectorId: string } }>]) => jobs.map((job) => job.data.connectorId));

  function outbox() {
    const addBulk = jest.fn().mockResolvedValue([]);
    const queue = { client: Promise.resolve({ status: 'ready' }), addBulk } as unknown as Queue;
    const config = { delivery: { parallelPerConnector: 1 } } as AppConfig;
    return { outbox: new DeliveryOutbox(queue, config), addBulk };
  }

  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('nudges a connector at once, then at most once more per 100 ms, at the end of the interval', async () => {
    const { outbox: o, addBulk } = outbox();
    o.notify('ws', ['c1']);
    await jest.advanceTimersByTimeAsync(0);
    expect(connectorsOf(addBulk)).toEqual([['c1']]);

    // Events right after the nudge: its job may have drained before they committed, so one more
    // nudge follows when the interval ends, however many of them there were.
    await jest.advanceTimersByTimeAsync(40);
    o.notify('ws', ['c1']);
    o.notify('ws', ['c1']);
    await jest.advanceTimersByTimeAsync(59);
    expect(connectorsOf(addBulk)).toEqual([['c1']]);
    await jest.advanceTimersByTimeAsync(1);
    expect(connectorsOf(addBulk)).toEqual([['c1'], ['c1']]);

    // Nothing more was written: no further nudge.
    await jest.advanceTimersByTimeAsync(1_000);
    expect(addBulk).toHaveBeenCalledTimes(2);
  });

  it('keeps connectors apart and drops pending nudges when the module stops', async () => {
    const { outbox: o, addBulk } = outbox();
    o.notify('ws', ['c1', 'c2']);
    await jest.advanceTimersByTimeAsync(10);
    o.notify('ws', ['c1', 'c3']);
    await jest.advanceTimersByTimeAsync(0);
    expect(connectorsOf(addBulk)).toEqual([['c1', 'c2'], ['c3']]);
    o.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(addBulk).toHaveBeenCalledTimes(2);
  });
});
