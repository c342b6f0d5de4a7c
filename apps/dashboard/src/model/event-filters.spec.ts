import { filterEvents, NO_FILTERS } from './event-filters';

const event = (eventName: string, status: 'delivered' | 'pending' | 'rejected' | undefined, user: Record<string, unknown>) => ({
  id: eventName,
  eventId: eventName,
  eventName,
  eventTime: '',
  receivedAt: '',
  ttclidRestored: false,
  ttpRestored: false,
  status: 'accepted' as const,
  raw: null,
  event: { eventName, eventId: eventName, eventIdSource: 'client' as const, eventTime: 0, user, properties: {}, clickIds: {} },
  deliveries: status
    ? [{ connectorId: 'c', status, attempts: 1, platformCode: null, lastError: null, nextAttemptAt: '', deliveredAt: null }]
    : [],
});

describe('filterEvents', () => {
  const events = [event('purchase', 'delivered', { ttclid: 'x', email: ['h'] }), event('page_view', 'pending', {}), event('Purchase', 'rejected', { email: ['h'] })];

  it('filters by name (part, any case), status and identifier together', () => {
    expect(filterEvents(events, NO_FILTERS)).toHaveLength(3);
    expect(filterEvents(events, { ...NO_FILTERS, eventName: 'PURCH' }).map((e) => e.id)).toEqual(['purchase', 'Purchase']);
    expect(filterEvents(events, { ...NO_FILTERS, status: 'pending' }).map((e) => e.id)).toEqual(['page_view']);
    expect(filterEvents(events, { ...NO_FILTERS, identifier: 'ttclid' }).map((e) => e.id)).toEqual(['purchase']);
    expect(filterEvents(events, { eventName: 'purchase', status: 'rejected', identifier: 'email' }).map((e) => e.id)).toEqual(['Purchase']);
  });
});
