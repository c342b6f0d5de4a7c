import { nextWebhookAttempt } from './webhook-retry';

describe('nextWebhookAttempt', () => {
  const limits = { webhookMaxAttempts: 5, webhookBackoffBaseMs: 1000, webhookBackoffMaxMs: 5000 };

  it('doubles the wait from the base up to the maximum', () => {
    expect([1, 2, 3, 4].map((n) => nextWebhookAttempt(n, limits))).toEqual([
      { giveUp: false, delayMs: 1000 },
      { giveUp: false, delayMs: 2000 },
      { giveUp: false, delayMs: 4000 },
      { giveUp: false, delayMs: 5000 },
    ]);
  });

  it('gives up after the last attempt', () => {
    expect(nextWebhookAttempt(5, limits)).toEqual({ giveUp: true });
  });
});
