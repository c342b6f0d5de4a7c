import type { NormalizedEvent } from '@app/core';
import { deliveryIncrements, sentIncrements } from './delivery-metrics';
import { ingestIncrements } from './ingest-metrics';
import { Metric } from './metric-names';

const event = (user: NormalizedEvent['user']): NormalizedEvent => ({
  eventName: 'purchase',
  eventId: 'e',
  eventIdSource: 'client',
  eventTime: 0,
  user,
  properties: {},
  clickIds: {},
});
const asMap = (rows: Array<{ metric: string; dim1?: string; dim2?: string; value: number }>) =>
  Object.fromEntries(rows.map((r) => [[r.metric, r.dim1, r.dim2].filter(Boolean).join(':'), r.value]));

describe('ingestIncrements', () => {
  it('counts outcomes, reasons, click ids and match keys of one request', () => {
    const rows = ingestIncrements(
      [
        { event: event({ ttclid: 'a', ttp: 'p', email: ['h'], ip: '1.2.3.4' }), restored: [], visitorHad: ['ttclid'] },
        { event: event({ ttclid: 'a', userAgent: 'UA' }), restored: ['ttclid'], visitorHad: ['ttclid'] },
        { event: event({ phone: ['h'], externalId: ['x'] }), restored: [], visitorHad: ['ttclid'] },
        { event: event({}), restored: [], visitorHad: [] },
      ],
      2,
      ['missing_event', 'missing_event', 'event_too_old'],
    );
    expect(asMap(rows)).toEqual({
      [Metric.Received]: 9,
      [Metric.Accepted]: 4,
      [`${Metric.ClickIdTraffic}:ttclid`]: 3,
      [`${Metric.RestoredClickId}:ttclid`]: 1,
      [Metric.Duplicate]: 2,
      [`${Metric.Rejected}:missing_event`]: 2,
      [`${Metric.Rejected}:event_too_old`]: 1,
      [Metric.HasTtclid]: 2,
      [Metric.HasTtp]: 1,
      [Metric.HasAnyClickId]: 2,
      [Metric.RestoredTtclid]: 1,
      [Metric.RestoredAny]: 1,
      [Metric.TikTokTraffic]: 3,
      [Metric.TikTokTrafficWithTtclid]: 2,
      [Metric.HasEmail]: 1,
      [Metric.HasPhone]: 1,
      [Metric.HasExternalId]: 1,
      [Metric.HasIp]: 1,
      [Metric.HasUserAgent]: 1,
    });
  });
});

describe('deliveryIncrements', () => {
  it('counts delivered events and their names, unmapped apart', () => {
    const rows = deliveryIncrements({
      connectorId: 'c1',
      outcome: 'delivered',
      events: 3,
      names: [
        { source: 'purchase', tiktok: 'CompletePayment', mapped: 'default' },
        { source: 'purchase', tiktok: 'CompletePayment', mapped: 'default' },
        { source: 'odd_thing', tiktok: 'odd_thing', mapped: 'custom' },
      ],
    });
    expect(asMap(rows)).toEqual({
      [Metric.Delivered]: 3,
      [`${Metric.EventName}:purchase:CompletePayment`]: 2,
      [`${Metric.Unmapped}:odd_thing`]: 1,
    });
    expect(rows.every((r) => r.connectorId === 'c1')).toBe(true);
  });

  it('counts platform rejections by code and nothing for a retry', () => {
    expect(asMap(deliveryIncrements({ connectorId: 'c1', outcome: 'rejected', platformCode: 40002, events: 2, names: [] }))).toEqual({
      [`${Metric.PlatformRejected}:40002`]: 2,
    });
    expect(deliveryIncrements({ connectorId: 'c1', outcome: 'other', events: 5, names: [] })).toEqual([]);
  });
});

describe('sentIncrements', () => {
  it('counts one request, its events and the events it sends again', () => {
    expect(asMap(sentIncrements({ connectorId: 'c', events: 1000, resentEvents: 40 }))).toEqual({
      [Metric.RequestsSent]: 1,
      [Metric.EventsSent]: 1000,
      [Metric.EventsResent]: 40,
    });
  });
});
