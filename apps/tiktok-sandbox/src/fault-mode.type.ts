export const FAULT_MODES = ['rate_limit', 'server_error', 'http_500', 'timeout'] as const;

export type FaultMode = (typeof FAULT_MODES)[number];

export function isFaultMode(value: unknown): value is FaultMode {
  return typeof value === 'string' && (FAULT_MODES as readonly string[]).includes(value);
}
