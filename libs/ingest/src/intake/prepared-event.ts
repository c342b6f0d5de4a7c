import type { EventSource } from '@app/core';
import type { ClickIdOrder } from '../normalization/click-id.extractor';
import type { RequestContext } from '../normalization/request-context';
import type { RejectionReason } from '../validation/rejection-reason';
import type { FieldProblem } from './ingest-response';

// One item of a request, ready for validation and normalization: a native event, or a drop-in
// message already translated into one (or already refused by its translator).
export type PreparedEvent =
  | {
      input: unknown;
      // The request as it describes this event's visitor; drop-in senders that are servers get
      // no IP or user agent here.
      context: RequestContext;
      clickIdOrder?: ClickIdOrder;
      identityOnly?: boolean;
      source?: EventSource;
      // The message as it arrived, when it is not `input` (a drop-in message before translation).
      raw?: unknown;
    }
  | { rejected: { reason: RejectionReason; errors: FieldProblem[] }; raw?: unknown };
