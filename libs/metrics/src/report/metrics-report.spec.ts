import { Metric } from '../recording/metric-names';
import { buildMetricsReport, CounterRow, DEFAULT_THRESHOLDS, MetricsReportInput } from './metrics-report';

const c = (metric: string, value: number, dim1 = '', dim2 = ''): CounterRow => ({ metric, value, dim1, dim2 });
// A delivery-side counter of one connector.
const of = (connectorId: string, metric: string, value: number, dim1 = '', dim2 = ''): CounterRow => ({ connectorId, metric, value, dim1, dim2 });
const base = (counters: CounterRow[], extra: Partial<MetricsReportInput> = {}): MetricsReportInput => ({
  from: new Date('2026-11-25T00:00:00Z'),
  to: new Date('2026-11-26T00:00:00Z'),
  counters,
  series: [],
  pending: 0,
  oldestPendingAgeMinutes: null,
  invalidConnectors: [],
  connectorKinds: [],
  thresholds: DEFAULT_THRESHOLDS,
  ...extra,
});

describe('buildMetricsReport', () => {
  const counters = [
    c(Metric.Received, 105),
    c(Metric.Accepted, 90),
    c(Metric.Duplicate, 5),
    c(Metric.Rejected, 6, 'missing_event'),
    c(Metric.Rejected, 4, 'event_too_old'),
    c(Metric.Delivered, 80),
    c(Metric.PlatformRejected, 3, '40002'),
    c(Metric.HasTtclid, 45),
    c(Metric.HasTtp, 30),
    c(Metric.HasAnyClickId, 50),
    c(Metric.RestoredAny, 18),
    c(Metric.TikTokTraffic, 60),
    c(Metric.TikTokTrafficWithTtclid, 45),
    c(Metric.HasEmail, 9),
    c(Metric.EventName, 70, 'purchase', 'CompletePayment'),
    c(Metric.EventName, 5, 'page_view', 'Pageview'),
    c(Metric.Unmapped, 8, 'wishlist_share'),
  ];

  it('computes the rates with the formulas of docs/api.md', () => {
    const report = buildMetricsReport(base(counters));
    expect(report).toMatchObject({ received: 105, accepted: 90, duplicates: 5, rejected: 10, delivered: 80, platformRejected: 3 });
    expect(report.rejectionRate).toBeCloseTo(13 / 100);
    expect(report.ingestRejectionRate).toBeCloseTo(10 / 100);
    expect(report.platformRejectionRate).toBeCloseTo(3 / 83);
    expect(report.clickIdCoverage).toEqual({ ttclid: 0.5, ttp: 30 / 90, any: 50 / 90, restored: 0.2 });
    expect(report.matchKeyCoverage.email).toBeCloseTo(0.1);
    expect(report.tiktokTrafficTtclidCoverage).toBe(0.75);
  });

  it('reports what was sent, resent and held in doubt', () => {
    const report = buildMetricsReport(
      base([c(Metric.RequestsSent, 4), c(Metric.EventsSent, 2100), c(Metric.EventsResent, 100), c(Metric.InDoubt, 3)]),
    );
    expect(report).toMatchObject({ requestsSent: 4, eventsSent: 2100, eventsResent: 100, inDoubt: 3 });
  });

  it('sorts breakdowns by count', () => {
    const report = buildMetricsReport(base(counters));
    expect(report.rejectionReasons).toEqual([
      { reason: 'missing_event', count: 6 },
      { reason: 'event_too_old', count: 4 },
    ]);
    expect(report.eventNames).toEqual([
      { source: 'purchase', tiktok: 'CompletePayment', count: 70 },
      { source: 'page_view', tiktok: 'Pageview', count: 5 },
    ]);
    expect(report.unmappedEventNames).toEqual([{ source: 'wishlist_share', count: 8 }]);
  });

  it('says in words what to fix, with thresholds', () => {
    const report = buildMetricsReport(
      base(counters, {
        invalidConnectors: [{ id: 'c1', name: 'Main', platform: 'meta', reason: 'token revoked' }],
        connectorKinds: [{ id: 'c1', name: 'Main', platform: 'meta', platformName: 'Meta', kinds: ['fbc', 'fbp'] }],
        pending: 4,
        oldestPendingAgeMinutes: 12,
      }),
    );
    const status = Object.fromEntries(report.checks.map((check) => [check.name, check.status]));
    expect(status).toEqual({
      rejection_rate: 'fail',
      ttclid_coverage: 'ok',
      ttp_coverage: 'warn',
      connector_click_ids: 'warn',
      event_name_mapping: 'ok',
      connectors_valid: 'fail',
      events_deliverable: 'ok',
      pending_deliveries: 'fail',
    });
    expect(report.checks.find((check) => check.name === 'rejection_rate')?.message).toContain('13.0% of events were rejected');
    expect(report.checks.find((check) => check.name === 'connectors_valid')?.message).toContain('Meta connector "Main" (token revoked); fix its credentials');
  });

  it('fails events_deliverable when events were accepted with no active connector', () => {
    const report = buildMetricsReport(base([...counters, c(Metric.Undeliverable, 7)]));
    expect(report.undeliverable).toBe(7);
    expect(report.checks.find((check) => check.name === 'events_deliverable')).toMatchObject({
      status: 'fail',
      value: 7,
      message: expect.stringContaining('7 accepted event(s) had no active connector'),
    });
  });

  it('is all zeros, not NaN, without traffic', () => {
    const report = buildMetricsReport(base([]));
    expect(report.rejectionRate).toBe(0);
    expect(report.clickIdCoverage.ttclid).toBe(0);
    expect(report.checks[0]).toMatchObject({ name: 'rejection_rate', status: 'warn', value: null });
  });
});

describe('click id coverage per kind', () => {
  it("gives each kind's coverage, and each connector the kinds of its platform", () => {
    const report = buildMetricsReport(
      base(
        [
          c(Metric.Accepted, 10),
          c(Metric.HasClickId, 8, 'ttclid'),
          c(Metric.RestoredClickId, 2, 'ttclid'),
          c(Metric.ClickIdTraffic, 9, 'ttclid'),
          c(Metric.ClickIdTrafficWithIt, 8, 'ttclid'),
          c(Metric.HasClickId, 5, 'fbp'),
          c(Metric.ClickIdTraffic, 5, 'fbp'),
          c(Metric.ClickIdTrafficWithIt, 5, 'fbp'),
        ],
        {
          connectorKinds: [
            { id: 'c-tt', name: 'TikTok', platform: 'tiktok', platformName: 'TikTok', kinds: ['ttclid', 'ttp'] },
            { id: 'c-meta', name: 'Meta', platform: 'meta', platformName: 'Meta', kinds: ['fbc', 'fbp'] },
          ],
        },
      ),
    );
    expect(report.clickIdCoverageByKind).toEqual({
      fbp: { coverage: 0.5, restored: 0, visitorCoverage: 1 },
      ttclid: { coverage: 0.8, restored: 0.2, visitorCoverage: 8 / 9 },
    });
    expect(report.connectorClickIdCoverage).toEqual([
      {
        connectorId: 'c-tt',
        name: 'TikTok',
        platform: 'tiktok',
        kinds: { ttclid: { coverage: 0.8, restored: 0.2, visitorCoverage: 8 / 9 }, ttp: { coverage: 0, restored: 0, visitorCoverage: 0 } },
      },
      {
        connectorId: 'c-meta',
        name: 'Meta',
        platform: 'meta',
        kinds: { fbc: { coverage: 0, restored: 0, visitorCoverage: 0 }, fbp: { coverage: 0.5, restored: 0, visitorCoverage: 1 } },
      },
    ]);
  });
});

describe('per platform and per connector', () => {
  const connectorKinds = [
    { id: 'c-tt', name: 'Shop TikTok', platform: 'tiktok', platformName: 'TikTok', kinds: ['ttclid', 'ttp'] },
    { id: 'c-tt2', name: 'Second TikTok', platform: 'tiktok', platformName: 'TikTok', kinds: ['ttclid', 'ttp'] },
    { id: 'c-meta', name: 'Shop Meta', platform: 'meta', platformName: 'Meta', kinds: ['fbc', 'fbp'] },
  ];
  const counters = [
    c(Metric.Accepted, 4),
    c(Metric.HasClickId, 2, 'ttclid'),
    c(Metric.RestoredClickId, 1, 'ttclid'),
    of('c-tt', Metric.EventName, 3, 'purchase', 'CompletePayment'),
    of('c-tt2', Metric.EventName, 1, 'purchase', 'CompletePayment'),
    of('c-tt', Metric.Unmapped, 1, 'wishlist_share'),
    of('c-meta', Metric.EventName, 4, 'purchase', 'Purchase'),
    // A connector deleted since: in eventNames, under no platform.
    of('c-gone', Metric.EventName, 2, 'purchase', 'Purchase'),
  ];

  it("keys event-name mapping by platform, with each platform's names, and keeps the summed list", () => {
    const report = buildMetricsReport(base(counters, { connectorKinds }));
    expect(report.eventNamesByPlatform).toEqual({
      meta: { platformName: 'Meta', eventNames: [{ source: 'purchase', name: 'Purchase', count: 4 }], unmappedEventNames: [], unmappedShare: 0 },
      tiktok: {
        platformName: 'TikTok',
        eventNames: [{ source: 'purchase', name: 'CompletePayment', count: 4 }],
        unmappedEventNames: [{ source: 'wishlist_share', count: 1 }],
        unmappedShare: 0.2,
      },
    });
    expect(report.eventNames).toEqual([
      { source: 'purchase', tiktok: 'Purchase', count: 6 },
      { source: 'purchase', tiktok: 'CompletePayment', count: 4 },
    ]);
    expect(report.checks.find((check) => check.name === 'event_name_mapping')?.message).toBe(
      '9.1% of delivered events had no platform event name (limit 10.0%): wishlist_share (Meta 0.0%, TikTok 20.0%)',
    );
  });

  it('has a click-id check per connector that names its platform, warning when none of its kinds is carried', () => {
    const report = buildMetricsReport(base(counters, { connectorKinds }));
    const checks = report.checks.filter((check) => check.name === 'connector_click_ids');
    expect(checks).toEqual([
      {
        name: 'connector_click_ids',
        status: 'ok',
        message: 'TikTok connector "Shop TikTok": ttclid on 50.0% of events (25.0% restored), ttp on 0.0% of events (0.0% restored)',
        threshold: 0,
        value: 0.5,
        platform: 'tiktok',
        connectorId: 'c-tt',
      },
      expect.objectContaining({ connectorId: 'c-tt2', platform: 'tiktok', status: 'ok' }),
      {
        name: 'connector_click_ids',
        status: 'warn',
        message:
          'Meta connector "Shop Meta": fbc on 0.0% of events (0.0% restored), fbp on 0.0% of events (0.0% restored); none carries a Meta click id: send fbc or fbp',
        threshold: 0,
        value: 0,
        platform: 'meta',
        connectorId: 'c-meta',
      },
    ]);
    expect(report.checks.find((check) => check.name === 'ttclid_coverage')).toMatchObject({ platform: 'tiktok', connectorId: null });
    expect(report.checks.find((check) => check.name === 'rejection_rate')).toMatchObject({ platform: null, connectorId: null });
  });

  it('says a connector had nothing to measure without accepted events', () => {
    const report = buildMetricsReport(base([], { connectorKinds: connectorKinds.slice(2) }));
    expect(report.checks.find((check) => check.name === 'connector_click_ids')).toMatchObject({
      status: 'ok',
      value: null,
      message: 'Meta connector "Shop Meta": no accepted events in this period',
    });
  });
});
