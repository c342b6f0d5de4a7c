// invalid_parameter stands for a payload TikTok refuses although it looks valid (an unknown
// currency, a value TikTok's own rules reject): the one permanent failure a correct mapper can meet.
// slow answers normally, but only after SANDBOX_SLOW_MS: a request in flight that a test can catch.
export const FAULT_MODES = ['rate_limit', 'server_error', 'http_500', 'timeout', 'invalid_parameter', 'slow'] as const;

export type FaultMode = (typeof FAULT_MODES)[number];

export function isFaultMode(value: unknown): value is FaultMode {
  return typeof value === 'string' && (FAULT_MODES as readonly string[]).includes(value);
}
