import type { FieldProblem } from '../intake/ingest-response';

// What a field normalizer gives back: the value to send, nothing (absent or empty: TikTok must never
// get the hash of an empty string), or why an unusable value was dropped. Dropping warns instead of
// rejecting because the rest of the event is still worth delivering.
export type FieldOutcome = string | undefined | FieldProblem;
