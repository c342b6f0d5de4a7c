export interface ClaimedDelivery {
  id: string;
  eventRef: string;
  // Its event's received_at (the day partition of both), without the microseconds.
  eventReceivedAt: Date;
  attempts: number;
  retrySince: Date;
}

export interface DeliveryStatusView {
  connectorId: string;
  status: string;
  attempts: number;
  platformCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
}

export interface RetrySchedule {
  id: string;
  delayMs: number;
}
