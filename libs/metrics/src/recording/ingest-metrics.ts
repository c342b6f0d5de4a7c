import type { NormalizedEvent } from '@app/core';
import { Metric, MetricIncrement } from './metric-names';

export interface AcceptedEventFacts {
  event: NormalizedEvent;
  // Kinds of click id restored onto the event from an earlier one.
  restored: readonly string[];
  // Kinds the visitor carried on this or an earlier event (a ttclid: TikTok ad traffic).
  visitorHad: readonly string[];
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
  for (const { event, restored, visitorHad } of accepted) {
    const { user } = event;
    const ttclidRestored = restored.includes('ttclid');
    const ttpRestored = restored.includes('ttp');
    const visitorHadTtclid = visitorHad.includes('ttclid');
    const carried = event.clickIdsByKind ?? {};
    for (const kind of Object.keys(carried)) add(Metric.HasClickId, kind);
    for (const kind of restored) add(Metric.RestoredClickId, kind);
    for (const kind of visitorHad) {
      add(Metric.ClickIdTraffic, kind);
      if (carried[kind] !== undefined) add(Metric.ClickIdTrafficWithIt, kind);
    }
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
