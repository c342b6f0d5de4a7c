import type { PlatformSendOutcome } from '@app/platforms';
import { backoffDelayMs, decideDelivery } from './delivery-retry.policy';

const config = { backoffBaseMs: 1000, backoffMaxMs: 60_000, maxRetryMs: 86_400_000 };
const retry = (partial: Partial<Extract<PlatformSendOutcome, { outcome: 'retry' }>> = {}): PlatformSendOutcome => ({
  outcome: 'retry',
  rateLimited: false,
  platformMessage: 'try later',
  ...partial,
});

describe('backoffDelayMs', () => {
  it('doubles per attempt, with jitter between half and all of the step', () => {
    expect(backoffDelayMs(1, config, () => 0)).toBe(500);
    expect(backoffDelayMs(1, config, () => 1)).toBe(1000);
    expect(backoffDelayMs(3, config, () => 1)).toBe(4000);
    expect(backoffDelayMs(3, config, () => 0)).toBe(2000);
  });

  it('is capped', () => {
    expect(backoffDelayMs(30, config, () => 1)).toBe(60_000);
  });
});

describe('decideDelivery', () => {
  it('delivers on delivered', () => {
    expect(decideDelivery({ outcome: 'delivered', platformMessage: 'OK', messages: [] }, 1, 0, config)).toEqual({ kind: 'delivered' });
  });

  it('retries retryable answers with backoff', () => {
    expect(decideDelivery(retry({ platformCode: 40100 }), 2, 0, config, () => 1)).toEqual({ kind: 'retry', delayMs: 2000 });
  });

  it('waits at least as long as Retry-After asks, and longer when the backoff says so', () => {
    expect(decideDelivery(retry({ retryAfterMs: 30_000 }), 1, 0, config, () => 1)).toEqual({ kind: 'retry', delayMs: 30_000 });
    expect(decideDelivery(retry({ retryAfterMs: 10 }), 3, 0, config, () => 1)).toEqual({ kind: 'retry', delayMs: 4000 });
  });

  it('fails once retrying would pass the maximum age', () => {
    expect(decideDelivery(retry(), 5, 86_399_000, config, () => 1)).toEqual({ kind: 'failed' });
    expect(decideDelivery(retry({ retryAfterMs: 2000 }), 1, 86_399_000, config, () => 0)).toEqual({ kind: 'failed' });
  });

  it('rejects permanent answers without retry', () => {
    expect(decideDelivery({ outcome: 'rejected', platformCode: 40002, platformMessage: 'bad' }, 1, 0, config)).toEqual({ kind: 'rejected' });
  });

  it('holds deliveries on credential errors', () => {
    expect(decideDelivery({ outcome: 'credentials_invalid', platformCode: 190, platformMessage: 'bad token' }, 1, 0, config)).toEqual({ kind: 'hold' });
  });
});
