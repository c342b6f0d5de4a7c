import type { DeliveryConfig } from '@app/core';
import type { PlatformSendOutcome } from '@app/platforms';

export type DeliveryDecision =
  | { kind: 'delivered' }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'failed' }
  | { kind: 'rejected' }
  | { kind: 'hold' };

// Exponential backoff with full jitter: spreads the retries of many connectors after a platform
// outage instead of sending them all back at the same instant.
export function backoffDelayMs(attempt: number, config: Pick<DeliveryConfig, 'backoffBaseMs' | 'backoffMaxMs'>, random = Math.random): number {
  const ceiling = Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(ceiling / 2 + (random() * ceiling) / 2));
}

// What happens to one delivery after a request. `attempt` counts this request; `ageMs` is how long
// ago the delivery was created, which bounds retrying (default 24 h). A platform's Retry-After is
// a minimum: the backoff may wait longer, never shorter.
export function decideDelivery(
  outcome: PlatformSendOutcome,
  attempt: number,
  ageMs: number,
  config: Pick<DeliveryConfig, 'backoffBaseMs' | 'backoffMaxMs' | 'maxRetryMs'>,
  random = Math.random,
): DeliveryDecision {
  switch (outcome.outcome) {
    case 'delivered':
      return { kind: 'delivered' };
    case 'credentials_invalid':
      return { kind: 'hold' };
    case 'rejected':
      return { kind: 'rejected' };
    case 'retry': {
      const delayMs = Math.max(backoffDelayMs(attempt, config, random), outcome.retryAfterMs ?? 0);
      return ageMs + delayMs > config.maxRetryMs ? { kind: 'failed' } : { kind: 'retry', delayMs };
    }
  }
}
