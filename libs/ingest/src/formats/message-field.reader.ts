// Readers for fields of drop-in source messages (Segment, GA4), whose senders put any JSON
// anywhere: a value of the wrong kind reads as absent instead of failing the event, because the
// rest of the event is still worth delivering. The native validator still checks what is read.
// Translators leave absent fields undefined rather than deleting them (delete turns objects into
// slow dictionaries on the hot path); validation, normalization and JSON all treat undefined as absent.

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

// Non-empty text, trimmed.
export function asText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? undefined : text;
}

// Ids arrive as strings or numbers; TikTok only takes strings.
export function asIdText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  return asText(value);
}

// A string, or a number where senders keep phone numbers and zip codes in numeric columns.
export function asTextOrNumber(value: unknown): string | number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return asText(value);
}

// The keys of `object` not in `read`, or undefined when there are none.
export function unreadFields(object: JsonObject | undefined, read: ReadonlySet<string>): JsonObject | undefined {
  if (object === undefined) return undefined;
  let rest: JsonObject | undefined;
  for (const key of Object.keys(object)) {
    // "__proto__" arrives as an own key from JSON.parse; copying it would replace rest's prototype.
    if (read.has(key) || key === '__proto__' || object[key] === undefined) continue;
    (rest ??= {})[key] = object[key];
  }
  return rest;
}
