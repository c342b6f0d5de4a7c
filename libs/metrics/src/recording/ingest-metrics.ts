import type { NormalizedEvent } from '@app/core';
import { Metric, MetricIncrement } from './metric-names';

export interface AcceptedEventFacts {
  event: NormalizedEvent;
  ttclidRestored: boolean;
  ttpRestored: boolean;
  // The visitor carried a ttclid on this or an earlier event (TikTok ad traffic).
  visitorHadTtclid: boolean;
}

// What one ingest request adds to the workspace's counters. Pure, so the exact figures the
// metrics API promises are unit-tested here rather than inferred from SQL.
export function ingestIncrements(accepted: AcceptedEventFacts[], duplicates: number, rejectedReasons: string[]): MetricIncrement[] {
  const counts = new Map<string, MetricIncrement>();
  const add = (metric: MetricIncrement['metric'], dim1 = '', value = 1) => {
    if (value === 0) return;
    const key = `${metric}|${dim1}`;
    const existing = counts.get(key);
    if (existing) existing.value += value;
    else counts.set(key, { metric, dim1, value });
  };
  add(Metric.Received, '', accepted.length + duplicates + rejectedReasons.length);
  add(Metric.Accepted, '', accepted.length);
  add(Metric.Duplicate, '', duplicates);
  for (const reason of rejectedReasons) add(Metric.Rejected, reason);
  for (const { event, ttclidRestored, ttpRestored, visitorHadTtclid } of accepted) {
    const { user } = event;
    if (user.ttclid) add(Metric.HasTtclid);
    if (user.ttp) add(Metric.HasTtp);
    if (user.ttclid || user.ttp) add(Metric.HasAnyClickId);
    if (ttclidRestored) add(Metric.RestoredTtclid);
    if (ttpRestored) add(Metric.RestoredTtp);
    if (ttclidRestored || ttpRestored) add(Metric.RestoredAny);
    if (visitorHadTtclid || user.ttclid) {
      add(Metric.TikTokTraffic);
      if (user.ttclid) add(Metric.TikTokTrafficWithTtclid);
    }
    if (user.email?.length) add(Metric.HasEmail);
    if (user.phone?.length) add(Metric.HasPhone);
    if (user.externalId?.length) add(Metric.HasExternalId);
    if (user.ip) add(Metric.HasIp);
    if (user.userAgent) add(Metric.HasUserAgent);
  }
  return [...counts.values()];
}
