// The raw event kept for the debugger never holds a plain email address or phone number: under a
// key that names one (email, phone, phone_number, $email, user_email...), a string that is not
// already a SHA-256 hash becomes REDACTED. Hashes stay, so a customer can still compare them with
// what was sent. Anything else is kept as it came. Callers check the input's bounds before this
// runs (INGEST_EVENT_LIMITS, refused events included), so the recursion is bounded too. Text
// Postgres cannot store (NUL, lone surrogates) becomes U+FFFD, so a raw event never sinks the
// write that carries it: the event itself may have been refused for that very text.
export const REDACTED = '[redacted]';

const PII_KEY = /e-?mail|phone/i;
const SHA256_HEX = /^[0-9a-f]{64}$/i;

export function redactRawEvent(value: unknown): unknown {
  return redact(value, false);
}

function redact(value: unknown, sensitive: boolean): unknown {
  if (typeof value === 'string') return sensitive && !SHA256_HEX.test(value.trim()) ? REDACTED : storable(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, sensitive));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[storable(key)] = redact(item, sensitive || PII_KEY.test(key));
    return copy;
  }
  return sensitive && typeof value === 'number' ? REDACTED : value;
}

// Nearly every string is storable as it is: checking first spares a copy of each (the profile of
// a Segment batch had this at 1.4 % of the api's time).
function storable(text: string): string {
  if (text.isWellFormed() && !text.includes('\u0000')) return text;
  return text.toWellFormed().replace(/\u0000/g, '\uFFFD');
}
