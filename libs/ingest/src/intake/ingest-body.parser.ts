export const MAX_BATCH_SIZE = 500;

export type ParsedIngestBody = { ok: true; events: unknown[] } | { ok: false; field: string; message: string };

// docs/api.md: the body is one event, or {"batch": [event, ...]} with 1 to 500 events.
export function parseIngestBody(body: unknown): ParsedIngestBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, field: 'body', message: 'must be one event object or {"batch": [event, ...]}' };
  }
  if (!('batch' in body)) return { ok: true, events: [body] };
  const batch = (body as { batch: unknown }).batch;
  if (!Array.isArray(batch)) return { ok: false, field: 'batch', message: 'must be an array of events' };
  if (batch.length === 0) return { ok: false, field: 'batch', message: 'must contain at least one event' };
  if (batch.length > MAX_BATCH_SIZE) {
    return { ok: false, field: 'batch', message: `may contain at most ${MAX_BATCH_SIZE} events (got ${batch.length}); split it` };
  }
  return { ok: true, events: batch };
}
