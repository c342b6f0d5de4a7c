import type { Schema } from '../api/api-client';

export type EventStatusKind = 'delivered' | 'pending' | 'rejected' | 'failed' | 'skipped' | 'accepted' | 'duplicate' | 'ingest-rejected';

export interface EventStatus {
  kind: EventStatusKind;
  label: string;
  tone: 'ok' | 'warn' | 'fail' | 'neutral';
}

const STATUSES: Record<EventStatusKind, EventStatus> = {
  delivered: { kind: 'delivered', label: 'Delivered', tone: 'ok' },
  pending: { kind: 'pending', label: 'Pending', tone: 'neutral' },
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
  const order: EventStatusKind[] = ['rejected', 'failed', 'pending', 'skipped', 'delivered'];
  for (const kind of order) if (deliveries.some((d) => d.status === kind)) return STATUSES[kind];
  return STATUSES.pending;
}

// The event story's status (#19) in the same words.
export function storyStatus(status: string): EventStatus {
  switch (status) {
    case 'delivered':
    case 'pending':
    case 'accepted':
    case 'duplicate':
      return STATUSES[status];
    case 'platform_rejected':
      return STATUSES.rejected;
    case 'rejected':
      return STATUSES['ingest-rejected'];
    default:
      return { kind: 'pending', label: status, tone: 'neutral' };
  }
}
