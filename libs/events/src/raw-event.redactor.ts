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

// Objects and arrays are copied only where something in them changes; the rest of the event is
// shared with the input, which nothing modifies after validation (copying every event in full
// cost a batch's ingest about 5 µs of CPU per event, most of it garbage collection).
export function redactRawEvent(value: unknown): unknown {
  return redact(value, false);
}

function redact(value: unknown, sensitive: boolean): unknown {
  if (typeof value === 'string') return sensitive && !SHA256_HEX.test(value.trim()) ? REDACTED : storable(value);
  if (Array.isArray(value)) return redactArray(value, sensitive);
  if (value !== null && typeof value === 'object') return redactObject(value as Record<string, unknown>, sensitive);
  return sensitive && typeof value === 'number' ? REDACTED : value;
}

function redactArray(items: unknown[], sensitive: boolean): unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const kept = redact(item, sensitive);
    if (copy !== undefined) copy.push(kept);
    else if (kept !== item) {
      copy = items.slice(0, i);
      copy.push(kept);
    }
  }
  return copy ?? items;
}

function redactObject(value: Record<string, unknown>, sensitive: boolean): Record<string, unknown> {
  const keys = Object.keys(value);
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const item = value[key];
    const kept = redact(item, sensitive || PII_KEY.test(key));
    const keptKey = storable(key);
    if (copy !== undefined) copy[keptKey] = kept;
    // JSON.parse makes "__proto__" an own key; a copy drops it (the assignment sets the copy's
    // prototype instead), so an object holding one is always copied, as it always was.
    else if (kept !== item || keptKey !== key || key === '__proto__') {
      copy = {};
      for (let j = 0; j < i; j++) copy[keys[j]] = value[keys[j]];
      copy[keptKey] = kept;
    }
  }
  return copy ?? value;
}

// Nearly every string is storable as it is: checking first spares a copy of each (the profile of
// a Segment batch had this at 1.4 % of the api's time).
function storable(text: string): string {
  if (text.isWellFormed() && !text.includes('\u0000')) return text;
  return text.toWellFormed().replace(/\u0000/g, '\uFFFD');
}
