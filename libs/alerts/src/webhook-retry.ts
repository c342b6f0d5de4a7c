export interface WebhookRetryLimits {
  webhookMaxAttempts: number;
  webhookBackoffBaseMs: number;
  webhookBackoffMaxMs: number;
}

// After a failed send: wait base, 2 x base, 4 x base... up to the maximum, and give up once the
// alert was sent `webhookMaxAttempts` times.
export function nextWebhookAttempt(attemptsMade: number, limits: WebhookRetryLimits): { giveUp: true } | { giveUp: false; delayMs: number } {
  if (attemptsMade >= limits.webhookMaxAttempts) return { giveUp: true };
  const delayMs = Math.min(limits.webhookBackoffMaxMs, limits.webhookBackoffBaseMs * 2 ** Math.max(0, attemptsMade - 1));
  return { giveUp: false, delayMs };
}
