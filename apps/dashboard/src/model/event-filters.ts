import type { Schema } from '../api/api-client';
import { eventBadges, type Badge } from './event-badges';
import { eventStatus, type EventStatusKind } from './event-status';

type DebuggedEvent = Schema<'DebuggedEventView'>;

export interface EventFilters {
  eventName: string;
  status: EventStatusKind | '';
  identifier: Badge['id'] | '';
}

export const NO_FILTERS: EventFilters = { eventName: '', status: '', identifier: '' };

// The Events page's filters, applied to the events the api returned (the event story API of a
// later release filters on the server; the page sends there what the api accepts).
export function filterEvents(events: DebuggedEvent[], filters: EventFilters): DebuggedEvent[] {
  const name = filters.eventName.trim().toLowerCase();
  return events.filter(
    (event) =>
      (!name || event.eventName.toLowerCase().includes(name)) &&
      (!filters.status || eventStatus(event.deliveries).kind === filters.status) &&
      (!filters.identifier || eventBadges(event).some((badge) => badge.id === filters.identifier)),
  );
}
