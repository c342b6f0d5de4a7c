import { TikTokResponseClassification } from '../client/tiktok-response.classifier';
import { backoffDelayMs, decideDelivery } from './delivery-retry.policy';

const config = { backoffBaseMs: 1000, backoffMaxMs: 60_000, maxRetryMs: 86_400_000 };
const result = (partial: Partial<TikTokResponseClassification>): TikTokResponseClassification => ({
  outcome: 'ok',
  credentialError: false,
  platformMessage: 'OK',
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
  it('delivers on ok', () => {
    expect(decideDelivery(result({}), 1, 0, config)).toEqual({ kind: 'delivered' });
  });

  it('retries retryable answers with backoff', () => {
    expect(decideDelivery(result({ outcome: 'retryable', platformCode: 40100 }), 2, 0, config, () => 1)).toEqual({
      kind: 'retry',
      delayMs: 2000,
    });
  });

  it('fails once retrying would pass the maximum age', () => {
    expect(decideDelivery(result({ outcome: 'retryable' }), 5, 86_399_000, config, () => 1)).toEqual({ kind: 'failed' });
  });

  it('rejects permanent answers without retry', () => {
    expect(decideDelivery(result({ outcome: 'permanent', platformCode: 40002 }), 1, 0, config)).toEqual({ kind: 'rejected' });
  });

  it('holds deliveries on credential errors', () => {
    expect(decideDelivery(result({ outcome: 'permanent', credentialError: true, platformCode: 40105 }), 1, 0, config)).toEqual({
      kind: 'hold',
    });
  });
});
