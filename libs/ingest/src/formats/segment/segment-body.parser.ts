import { asObject } from '../message-field.reader';
import type { SegmentEnvelope } from './segment-message.translator';

// Far more than fit in 500 KB of real messages; bounds the work a body of tiny ones can cause.
export const MAX_SEGMENT_BATCH = 2500;

export type ParsedSegmentBody =
  | { ok: true; messages: unknown[]; envelope: SegmentEnvelope }
  | { ok: false; field: string; message: string };

// A single call's body is the message itself; a batch is {batch: [...], context?, integrations?,
// sentAt?, writeKey?}, whose context and integrations apply to every message.
export function parseSegmentBody(body: unknown, isBatch: boolean): ParsedSegmentBody {
  const object = asObject(body);
  if (!object) return { ok: false, field: 'body', message: isBatch ? 'must be {"batch": [message, ...]}' : 'must be a message object' };
  if (!isBatch) return { ok: true, messages: [object], envelope: { sentAt: object.sentAt } };
  const batch = object.batch;
  if (!Array.isArray(batch)) return { ok: false, field: 'batch', message: 'must be an array of messages' };
  if (batch.length > MAX_SEGMENT_BATCH) {
    return { ok: false, field: 'batch', message: `may hold at most ${MAX_SEGMENT_BATCH} messages (got ${batch.length}); split it` };
  }
  return {
    ok: true,
    messages: batch,
    envelope: { context: asObject(object.context), integrations: asObject(object.integrations), sentAt: object.sentAt },
  };
}
