// What one platform request came to, in the terms a delivery engine acts on. Each platform reads
// its own answers (codes, bodies, statuses) into this one shape, so retrying, rejecting and
// invalidating a connector need no platform knowledge. Every platform adapter's send returns it.
export type PlatformSendOutcome =
  | PlatformDelivered
  | PlatformRetryAfter
  | PlatformRejected
  | PlatformCredentialsInvalid;

interface PlatformAnswer {
  // The platform's own numbers and words, for delivery logs and the events debugger.
  platformCode?: number;
  platformSubcode?: number;
  platformMessage: string;
  // The platform's id of the request (TikTok request_id, Meta fbtrace_id).
  requestId?: string;
}

export interface PlatformDelivered extends PlatformAnswer {
  outcome: 'delivered';
  // How many events the platform says it took, when it says so.
  eventsReceived?: number;
  // Warnings the platform attached to an accepted request.
  messages: string[];
}

export interface PlatformRetryAfter extends PlatformAnswer {
  outcome: 'retry';
  // The platform asked to wait at least this long (Retry-After); otherwise the engine's backoff decides.
  retryAfterMs?: number;
  // Throttling rather than a failure: the engine may slow the connector down as well.
  rateLimited: boolean;
}

export interface PlatformRejected extends PlatformAnswer {
  outcome: 'rejected';
  // The one event of the batch the platform named as the reason (0-based index into data[]). The
  // rest of the batch was refused with it and is worth sending again without it.
  eventIndex?: number;
}

// Every later request of the connector will fail the same way: mark it invalid, hold its events.
export interface PlatformCredentialsInvalid extends PlatformAnswer {
  outcome: 'credentials_invalid';
}
