import type { Schema } from '../api/api-client';

export type EventStatusKind = 'delivered' | 'pending' | 'in_doubt' | 'rejected' | 'failed' | 'skipped' | 'accepted' | 'duplicate' | 'ingest-rejected';

export interface EventStatus {
  kind: EventStatusKind;
  label: string;
  tone: 'ok' | 'warn' | 'fail' | 'neutral';
}

const STATUSES: Record<EventStatusKind, EventStatus> = {
  delivered: { kind: 'delivered', label: 'Delivered', tone: 'ok' },
  pending: { kind: 'pending', label: 'Pending', tone: 'neutral' },
  in_doubt: { kind: 'in_doubt', label: 'In doubt (not resent)', tone: 'warn' },
  rejected: { kind: 'rejected', label: 'Rejected by the platform', tone: 'fail' },
  failed: { kind: 'failed', label: 'Failed', tone: 'fail' },
  skipped: { kind: 'skipped', label: 'Not sent (dropped by the mapping)', tone: 'warn' },
  accepted: { kind: 'accepted', label: 'Accepted (no connector)', tone: 'warn' },
  duplicate: { kind: 'duplicate', label: 'Duplicate', tone: 'neutral' },
  'ingest-rejected': { kind: 'ingest-rejected', label: 'Rejected by TrackLayer', tone: 'fail' },
};

export function statusOf(kind: EventStatusKind): EventStatus {
  return STATUSES[kind];
}

// One status for an event with a delivery per connector: the worst of them, so a failure on one
// platform is never hidden behind a success on another.
export function eventStatus(deliveries: Array<Pick<Schema<'EventDeliveryResponse'>, 'status'>>): EventStatus {
  if (deliveries.length === 0) return STATUSES.accepted;
  const order: EventStatusKind[] = ['rejected', 'failed', 'in_doubt', 'pending', 'skipped', 'delivered'];
  for (const kind of order) if (deliveries.some((d) => d.status === kind)) return STATUSES[kind];
  return STATUSES.pending;
}

// One connector's delivery in the same words: its `rejected` is the platform's refusal.
export function deliveryStatus(status: Schema<'EventDeliveryResponse'>['status']): EventStatus {
  return STATUSES[status];
}

// An event's status in the event story: TrackLayer's own refusal, a duplicate, or (accepted) the
// worst of its deliveries.
export function storyStatus(story: Pick<Schema<'EventStoryView'>, 'status' | 'deliveries'>): EventStatus {
  if (story.status === 'rejected') return STATUSES['ingest-rejected'];
  if (story.status === 'duplicate') return STATUSES.duplicate;
  return eventStatus(story.deliveries);
}
