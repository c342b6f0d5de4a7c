import type { DeliveryConfig } from '@app/core';
import type { TikTokResponseClassification } from '../client/tiktok-response.classifier';

export type DeliveryDecision =
  | { kind: 'delivered' }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'failed' }
  | { kind: 'rejected' }
  | { kind: 'hold' };

// Exponential backoff with full jitter: spreads the retries of many connectors after a TikTok
// outage instead of sending them all back at the same instant.
export function backoffDelayMs(attempt: number, config: Pick<DeliveryConfig, 'backoffBaseMs' | 'backoffMaxMs'>, random = Math.random): number {
  const ceiling = Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(ceiling / 2 + (random() * ceiling) / 2));
}

// What happens to one delivery after a request. `attempt` counts this request; `ageMs` is how long
// ago the delivery was created, which bounds retrying (default 24 h).
export function decideDelivery(
  classification: TikTokResponseClassification,
  attempt: number,
  ageMs: number,
  config: Pick<DeliveryConfig, 'backoffBaseMs' | 'backoffMaxMs' | 'maxRetryMs'>,
  random = Math.random,
): DeliveryDecision {
  if (classification.outcome === 'ok') return { kind: 'delivered' };
  if (classification.credentialError) return { kind: 'hold' };
  if (classification.outcome === 'permanent') return { kind: 'rejected' };
  const delayMs = backoffDelayMs(attempt, config, random);
  return ageMs + delayMs > config.maxRetryMs ? { kind: 'failed' } : { kind: 'retry', delayMs };
}
