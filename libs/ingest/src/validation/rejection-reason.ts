// Why an ingest event (or a whole body) was refused. These strings are metric labels and appear in
// API answers, so they stay snake_case and never change meaning; add new ones, do not rename.
export const REJECTION_REASONS = [
  // The body is not JSON.
  'invalid_json',
  // The body is JSON but neither an event nor {"batch": [...]}, or the batch is empty.
  'invalid_body',
  // The body is over the size limit (1 MB).
  'body_too_large',
  // A batch of more than 500 events.
  'batch_too_large',
  // A batch element that is not a JSON object.
  'not_an_object',
  // The event name is absent or empty.
  'missing_event',
  // Any other field has the wrong type, length or format.
  'invalid_field',
  // event_time cannot be read as Unix seconds, milliseconds or ISO 8601.
  'invalid_event_time',
  // event_time is older than the workspace's maximum event age.
  'event_too_old',
  // event_time is more than 10 minutes ahead of receipt.
  'event_in_future',
  // A string or key holds a NUL character or an unpaired UTF-16 surrogate (cannot be stored).
  'invalid_text',
  // Objects and arrays nested deeper than the documented limit (32 levels).
  'too_deep',
  // Too many keys or items, too long a string or key, or too large an event (docs/security.md).
  'too_large',
  // Postgres refused the event although it passed validation; the rest of its batch was written.
  'unstorable',
  // Drop-in formats (Segment, RudderStack, GA4): a message whose type is not a known call.
  'invalid_type',
  // A Segment message with neither userId nor anonymousId (or an alias without previousId).
  'missing_identity',
  // One message over 32 KB (Segment's per-call limit).
  'event_too_large',
] as const;

export type RejectionReason = (typeof REJECTION_REASONS)[number];
