import type { NormalizedEvent } from '@app/core';
import type { FieldProblem, IngestResult } from './ingest-response';

export interface Candidate {
  // Position in the request's batch, and the id the event gets if it is accepted.
  index: number;
  ref: string;
  event: NormalizedEvent;
  warnings: FieldProblem[];
}

// One request's share of a group commit: its valid events, and the results array the writer fills
// in (rejections are already there).
export interface IngestSubmission {
  keyId: string;
  candidates: Candidate[];
  results: IngestResult[];
}
