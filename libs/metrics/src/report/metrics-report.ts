import { Metric } from '../recording/metric-names';

export interface CounterRow {
  // The connector a delivery-side counter belongs to (NO_CONNECTOR for ingest-side ones).
  connectorId?: string;
  metric: string;
  dim1: string;
  dim2: string;
  value: number;
}

export interface SeriesRow {
  bucket: Date;
  received: number;
  rejected: number;
  delivered: number;
  ttclidCoverage: number;
}

export interface HealthThresholds {
  maxRejectionRate: number;
  minTtclidCoverage: number;
  minTtpCoverage: number;
  maxUnmappedShare: number;
  maxPendingAgeMinutes: number;
}

export const DEFAULT_THRESHOLDS: HealthThresholds = {
  maxRejectionRate: 0.05,
  minTtclidCoverage: 0.3,
  minTtpCoverage: 0.5,
  maxUnmappedShare: 0.1,
  maxPendingAgeMinutes: 10,
};

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface HealthCheck {
  name: string;
  status: CheckStatus;
  message: string;
  threshold: number;
  value: number | null;
  // The platform a check is about (ttclid_coverage: tiktok), null for the workspace's checks.
  platform: string | null;
  // The connector of a per-connector check (connector_click_ids), else null.
  connectorId: string | null;
}

export interface MetricsReportInput {
  from: Date;
  to: Date;
  counters: CounterRow[];
  series: SeriesRow[];
  pending: number;
  oldestPendingAgeMinutes: number | null;
  invalidConnectors: Array<{ id: string; name: string; platform: string; reason: string | null }>;
  // The workspace's connectors (or the one asked for), their platform's display name and the click
  // id kinds it declares.
  connectorKinds: ConnectorKinds[];
  thresholds: HealthThresholds;
}

export interface ConnectorKinds {
  id: string;
  name: string;
  platform: string;
  platformName: string;
  kinds: string[];
}

export interface PlatformEventNames {
  platformName: string;
  // Source name -> the platform's event name, summed over the platform's connectors.
  eventNames: Array<{ source: string; name: string; count: number }>;
  // Sent as custom events or dropped: no name of the platform's.
  unmappedEventNames: Array<{ source: string; count: number }>;
  unmappedShare: number;
}

export interface KindCoverage {
  // Share of accepted events that carry this kind (captured or restored).
  coverage: number;
  // Share of accepted events it was restored onto from an earlier event.
  restored: number;
  // Among events of visitors who ever carried this kind, the share that carries it.
  visitorCoverage: number;
}

const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

// docs/api.md's metrics answer, computed from summed counters. Pure: every formula is unit-tested.
export function buildMetricsReport(input: MetricsReportInput) {
  const total = (metric: string) => input.counters.filter((c) => c.metric === metric).reduce((sum, c) => sum + c.value, 0);
  const byDims = (metric: string) => input.counters.filter((c) => c.metric === metric);

  const received = total(Metric.Received);
  const accepted = total(Metric.Accepted);
  const duplicates = total(Metric.Duplicate);
  const rejected = total(Metric.Rejected);
  const delivered = total(Metric.Delivered);
  const undeliverable = total(Metric.Undeliverable);
  const platformRejected = total(Metric.PlatformRejected);
  const unmapped = total(Metric.Unmapped);
  const named = total(Metric.EventName);

  const sorted = <T extends { count: number }>(rows: T[], tie: (row: T) => string) =>
    rows.sort((a, b) => b.count - a.count || tie(a).localeCompare(tie(b)));

  const count = (metric: string, kind: string) => byDims(metric).filter((c) => c.dim1 === kind).reduce((sum, c) => sum + c.value, 0);
  const kindCoverage = (kind: string): KindCoverage => ({
    coverage: ratio(count(Metric.HasClickId, kind), accepted),
    restored: ratio(count(Metric.RestoredClickId, kind), accepted),
    visitorCoverage: ratio(count(Metric.ClickIdTrafficWithIt, kind), count(Metric.ClickIdTraffic, kind)),
  });
  const kindsSeen = [...new Set([Metric.HasClickId, Metric.ClickIdTraffic].flatMap((metric) => byDims(metric).map((c) => c.dim1)))].sort();

  const report = {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    received,
    accepted,
    duplicates,
    rejected,
    delivered,
    platformRejected,
    pending: input.pending,
    // Accepted while no connector was active: stored, and delivered only once one is (or by a backfill).
    undeliverable,
    // What TrackLayer sent the platforms (every request, counted before it left): the platform
    // received exactly this. Resent events were in a request whose answer was lost (in doubt) and
    // went out again with the same event_id; inDoubt were parked instead (the platform would count
    // them twice).
    requestsSent: total(Metric.RequestsSent),
    eventsSent: total(Metric.EventsSent),
    eventsResent: total(Metric.EventsResent),
    inDoubt: total(Metric.InDoubt),
    rejectionRate: ratio(rejected + platformRejected, accepted + rejected),
    ingestRejectionRate: ratio(rejected, accepted + rejected),
    platformRejectionRate: ratio(platformRejected, delivered + platformRejected),
    clickIdCoverage: {
      ttclid: ratio(total(Metric.HasTtclid), accepted),
      ttp: ratio(total(Metric.HasTtp), accepted),
      any: ratio(total(Metric.HasAnyClickId), accepted),
      restored: ratio(total(Metric.RestoredAny), accepted),
    },
    // Every kind of click id seen in the period (ttclid, ttp, fbc, fbp...).
    clickIdCoverageByKind: Object.fromEntries(kindsSeen.map((kind) => [kind, kindCoverage(kind)])) as Record<string, KindCoverage>,
    // Each connector receives every accepted event of the workspace: its coverage is that of the
    // kinds its platform matches on (a Meta connector fbc/fbp, a TikTok connector ttclid/ttp).
    connectorClickIdCoverage: input.connectorKinds.map(({ id, name, platform, kinds }) => ({
      connectorId: id,
      name,
      platform,
      kinds: Object.fromEntries(kinds.map((kind) => [kind, kindCoverage(kind)])) as Record<string, KindCoverage>,
    })),
    // Among events of visitors who came from a TikTok ad (a ttclid was seen for them).
    tiktokTrafficTtclidCoverage: ratio(total(Metric.TikTokTrafficWithTtclid), total(Metric.TikTokTraffic)),
    matchKeyCoverage: {
      email: ratio(total(Metric.HasEmail), accepted),
      phone: ratio(total(Metric.HasPhone), accepted),
      externalId: ratio(total(Metric.HasExternalId), accepted),
      ip: ratio(total(Metric.HasIp), accepted),
      userAgent: ratio(total(Metric.HasUserAgent), accepted),
    },
    rejectionReasons: sorted(
      sumBy(byDims(Metric.Rejected), (c) => c.dim1).map(([reason, count]) => ({ reason, count })),
      (r) => r.reason,
    ),
    platformRejectionCodes: sorted(
      sumBy(byDims(Metric.PlatformRejected), (c) => c.dim1).map(([code, count]) => ({ code: Number(code), count })),
      (r) => String(r.code),
    ),
    // Every connector's, of every platform: `tiktok` is the platform's name, under the key it had
    // when TikTok was the only platform (eventNamesByPlatform tells them apart).
    eventNames: eventNameCounts(byDims(Metric.EventName)).map(({ source, name, count }) => ({ source, tiktok: name, count })),
    unmappedEventNames: unmappedCounts(byDims(Metric.Unmapped)),
    // Per platform of the workspace's connectors (or the one asked for), keyed by platform id.
    eventNamesByPlatform: eventNamesByPlatform(input),
    series: input.series.map((row) => ({ ...row, bucket: row.bucket.toISOString() })),
    checks: [] as HealthCheck[],
  };
  report.checks = healthChecks(report, ratio(unmapped, unmapped + named), input);
  return report;
}

export type MetricsReport = ReturnType<typeof buildMetricsReport>;

const sortByCount = <T extends { count: number; source: string }>(rows: T[]): T[] =>
  rows.sort((a, b) => b.count - a.count || a.source.localeCompare(b.source));

function eventNameCounts(rows: CounterRow[]): Array<{ source: string; name: string; count: number }> {
  return sortByCount(
    sumBy(rows, (c) => `${c.dim1}\u0000${c.dim2}`).map(([k, count]) => {
      const [source, name] = k.split('\u0000');
      return { source, name, count };
    }),
  );
}

function unmappedCounts(rows: CounterRow[]): Array<{ source: string; count: number }> {
  return sortByCount(sumBy(rows, (c) => c.dim1).map(([source, count]) => ({ source, count })));
}

// The counters of a connector deleted since are in eventNames only: its platform is not known any more.
export function eventNamesByPlatform(input: Pick<MetricsReportInput, 'counters' | 'connectorKinds'>): Record<string, PlatformEventNames> {
  const out: Record<string, PlatformEventNames> = {};
  for (const platform of [...new Set(input.connectorKinds.map((c) => c.platform))].sort()) {
    const connectors = new Set(input.connectorKinds.filter((c) => c.platform === platform).map((c) => c.id));
    const rows = (metric: string) => input.counters.filter((c) => c.metric === metric && c.connectorId !== undefined && connectors.has(c.connectorId));
    const eventNames = eventNameCounts(rows(Metric.EventName));
    const unmappedEventNames = unmappedCounts(rows(Metric.Unmapped));
    const unmapped = unmappedEventNames.reduce((sum, u) => sum + u.count, 0);
    out[platform] = {
      platformName: input.connectorKinds.find((c) => c.platform === platform)?.platformName ?? platform,
      eventNames,
      unmappedEventNames,
      unmappedShare: ratio(unmapped, unmapped + eventNames.reduce((sum, e) => sum + e.count, 0)),
    };
  }
  return out;
}

function sumBy(rows: CounterRow[], keyOf: (row: CounterRow) => string): Array<[string, number]> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(keyOf(row), (sums.get(keyOf(row)) ?? 0) + row.value);
  return [...sums.entries()];
}

// The guide: "monitor rejection rates, click-ID coverage, and event-name mapping during the first
// production day". Each check says in words what it saw, against which threshold.
function healthChecks(report: Omit<MetricsReport, 'checks'>, unmappedShare: number, input: MetricsReportInput): HealthCheck[] {
  const t = input.thresholds;
  const platformNameOf = (platform: string) => input.connectorKinds.find((c) => c.platform === platform)?.platformName ?? platform;
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  const checks: Array<Omit<HealthCheck, 'platform' | 'connectorId'> & Partial<HealthCheck>> = [];
  const noTraffic = report.accepted + report.rejected === 0;

  checks.push({
    name: 'rejection_rate',
    status: noTraffic ? 'warn' : report.rejectionRate > t.maxRejectionRate ? 'fail' : 'ok',
    message: noTraffic
      ? 'No events received in this period: check that your site or server sends to /v1/ingest with this workspace key'
      : `${pct(report.rejectionRate)} of events were rejected by TrackLayer or the platforms (limit ${pct(t.maxRejectionRate)})`,
    threshold: t.maxRejectionRate,
    value: noTraffic ? null : report.rejectionRate,
  });

  const hasTikTokTraffic = input.counters.some((c) => c.metric === Metric.TikTokTraffic && c.value > 0);
  checks.push({
    name: 'ttclid_coverage',
    status: !hasTikTokTraffic ? 'ok' : report.tiktokTrafficTtclidCoverage < t.minTtclidCoverage ? 'warn' : 'ok',
    message: !hasTikTokTraffic
      ? 'No TikTok ad traffic (no ttclid seen) in this period'
      : `${pct(report.tiktokTrafficTtclidCoverage)} of events from TikTok ad visitors carry a ttclid (minimum ${pct(t.minTtclidCoverage)}); ` +
        'if low, ttclid is lost in redirects or cross-domain hops',
    threshold: t.minTtclidCoverage,
    value: hasTikTokTraffic ? report.tiktokTrafficTtclidCoverage : null,
    platform: 'tiktok',
  });

  checks.push({
    name: 'ttp_coverage',
    status: report.accepted === 0 ? 'ok' : report.clickIdCoverage.ttp < t.minTtpCoverage ? 'warn' : 'ok',
    message:
      report.accepted === 0
        ? 'No accepted events in this period'
        : `${pct(report.clickIdCoverage.ttp)} of events carry the _ttp browser id (minimum ${pct(t.minTtpCoverage)}); send the _ttp cookie value`,
    threshold: t.minTtpCoverage,
    value: report.accepted === 0 ? null : report.clickIdCoverage.ttp,
    platform: 'tiktok',
  });

  // One per connector, named by its platform: a connector whose events carry none of the click ids
  // its platform matches on gets no ad attribution from them.
  for (const connector of report.connectorClickIdCoverage) {
    const platformName = platformNameOf(connector.platform);
    const kinds = Object.entries(connector.kinds);
    const best = Math.max(0, ...kinds.map(([, k]) => k.coverage));
    checks.push({
      name: 'connector_click_ids',
      status: report.accepted > 0 && kinds.length > 0 && best === 0 ? 'warn' : 'ok',
      message:
        `${platformName} connector "${connector.name}": ` +
        (report.accepted === 0
          ? 'no accepted events in this period'
          : kinds.length === 0
            ? `${platformName} declares no click ids`
            : kinds.map(([kind, k]) => `${kind} on ${pct(k.coverage)} of events (${pct(k.restored)} restored)`).join(', ') +
              (best === 0 ? `; none carries a ${platformName} click id: send ${kinds.map(([kind]) => kind).join(' or ')}` : '')),
      threshold: 0,
      value: report.accepted === 0 || kinds.length === 0 ? null : best,
      platform: connector.platform,
      connectorId: connector.connectorId,
    });
  }

  const byPlatform = Object.values(report.eventNamesByPlatform);
  const mappedTotal = report.eventNames.reduce((s, e) => s + e.count, 0) + report.unmappedEventNames.reduce((s, e) => s + e.count, 0);
  checks.push({
    name: 'event_name_mapping',
    status: mappedTotal === 0 ? 'ok' : unmappedShare > t.maxUnmappedShare ? 'warn' : 'ok',
    message:
      mappedTotal === 0
        ? 'No events delivered yet, so no event names to check'
        : `${pct(unmappedShare)} of delivered events had no platform event name (limit ${pct(t.maxUnmappedShare)})` +
          (report.unmappedEventNames.length ? `: ${report.unmappedEventNames.map((u) => u.source).join(', ')}` : '') +
          // With several platforms, each one's share: names are mapped per platform.
          (byPlatform.length > 1 ? ` (${byPlatform.map((p) => `${p.platformName} ${pct(p.unmappedShare)}`).join(', ')})` : ''),
    threshold: t.maxUnmappedShare,
    value: mappedTotal === 0 ? null : unmappedShare,
  });

  checks.push({
    name: 'connectors_valid',
    status: input.invalidConnectors.length > 0 ? 'fail' : 'ok',
    message:
      input.invalidConnectors.length > 0
        ? `Invalid connector(s): ${input.invalidConnectors.map((c) => `${platformNameOf(c.platform)} connector "${c.name}" (${c.reason ?? 'credentials refused'})`).join('; ')}; fix its credentials`
        : 'All connectors have valid credentials',
    threshold: 0,
    value: input.invalidConnectors.length,
  });

  checks.push({
    name: 'events_deliverable',
    status: report.undeliverable > 0 ? 'fail' : 'ok',
    message:
      report.undeliverable > 0
        ? `${report.undeliverable} accepted event(s) had no active connector to deliver them: create a connector or fix its credentials`
        : 'Every accepted event had an active connector',
    threshold: 0,
    value: report.undeliverable,
  });

  const age = input.oldestPendingAgeMinutes;
  checks.push({
    name: 'pending_deliveries',
    status: age !== null && age > t.maxPendingAgeMinutes ? 'fail' : 'ok',
    message:
      age === null
        ? 'No deliveries waiting'
        : `${report.pending} deliveries pending; the oldest waits for ${age.toFixed(1)} minutes (limit ${t.maxPendingAgeMinutes})`,
    threshold: t.maxPendingAgeMinutes,
    value: age,
  });
  return checks.map((check) => ({ ...check, platform: check.platform ?? null, connectorId: check.connectorId ?? null }));
}
