// What the Meta sandbox can be told to answer instead of the truth, for the next requests:
// transient: HTTP 500, code 2, is_transient (Meta's "Service temporarily unavailable");
// rate_limit / rate_limit_613: Graph throttling, code 17 (subcode 2446079) and 613 (1487742);
// token_invalid: code 190, as when the token was revoked or expired;
// invalid_parameter: code 100 naming $['data'][0], a rejection a correct mapper can still meet;
// http_500: an HTML error page; timeout: no answer until SANDBOX_TIMEOUT_MS; slow: the normal
// answer after SANDBOX_SLOW_MS.
export const META_FAULT_MODES = [
  'transient',
  'rate_limit',
  'rate_limit_613',
  'token_invalid',
  'invalid_parameter',
  'http_500',
  'timeout',
  'slow',
] as const;

export type MetaFaultMode = (typeof META_FAULT_MODES)[number];

export function isMetaFaultMode(value: unknown): value is MetaFaultMode {
  return typeof value === 'string' && (META_FAULT_MODES as readonly string[]).includes(value);
}
