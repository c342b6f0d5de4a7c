import type { NormalizedEvent } from '@app/core';
import type { NewRawEvent } from '@app/events';
import type { RejectionReason } from '../validation/rejection-reason';
import type { FieldProblem } from './ingest-response';

export interface Candidate {
  // Position in the request's batch, and the id the event gets if it is accepted.
  index: number;
  ref: string;
  event: NormalizedEvent;
  warnings: FieldProblem[];
  // The event as it arrived, redacted (redactRawEvent), kept for the debugger.
  raw: unknown;
  // Restores and remembers click ids across the event's identities, but is neither stored as an
  // event nor delivered (Segment's identify, group and alias).
  identityOnly?: boolean;
}

// One request's share of a group commit (or a part of it, when a failed commit is split): its valid
// events, and the reasons of its rejected events, counted in the same transaction.
export interface IngestSubmission {
  keyId: string;
  candidates: Candidate[];
  rejections: RejectionReason[];
  // The rejected events themselves, kept for the debugger (written once, with the counts).
  refused?: NewRawEvent[];
}
