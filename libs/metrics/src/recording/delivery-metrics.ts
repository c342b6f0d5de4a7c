import { Metric, MetricIncrement } from './metric-names';

export interface DeliveredBatchFacts {
  connectorId: string;
  // Source name -> TikTok name (undefined when the connector dropped it) per event of the request.
  names: Array<{ source: string; tiktok?: string; mapped: 'connector' | 'default' | 'custom' | 'dropped' }>;
  outcome: 'delivered' | 'rejected' | 'other';
  platformCode?: number;
  events: number;
}

// What one delivery request adds to a connector's counters. The caller passes the event names
// only once they are settled for good (delivered, rejected or dropped), so a retried batch is not
// counted twice.
export function deliveryIncrements(facts: DeliveredBatchFacts): MetricIncrement[] {
  const out: MetricIncrement[] = [];
  const { connectorId } = facts;
  if (facts.outcome === 'delivered') out.push({ metric: Metric.Delivered, connectorId, value: facts.events });
  if (facts.outcome === 'rejected') {
    out.push({ metric: Metric.PlatformRejected, connectorId, dim1: String(facts.platformCode ?? ''), value: facts.events });
  }
  const names = new Map<string, MetricIncrement>();
  for (const name of facts.names) {
    const unmapped = name.mapped === 'custom' || name.mapped === 'dropped';
    const metric = unmapped ? Metric.Unmapped : Metric.EventName;
    const dim2 = unmapped ? '' : (name.tiktok ?? '');
    const key = `${metric}|${name.source}|${dim2}`;
    const existing = names.get(key);
    if (existing) existing.value += 1;
    else names.set(key, { metric, connectorId, dim1: name.source, dim2, value: 1 });
  }
  return [...out, ...names.values()];
}

export interface SentRequestFacts {
  connectorId: string;
  events: number;
  resentEvents: number;
}

// What one request adds to its connector's counters when its attempt is recorded (before it leaves).
export function sentIncrements(facts: SentRequestFacts): MetricIncrement[] {
  const { connectorId } = facts;
  return [
    { metric: Metric.RequestsSent, connectorId, value: 1 },
    { metric: Metric.EventsSent, connectorId, value: facts.events },
    { metric: Metric.EventsResent, connectorId, value: facts.resentEvents },
  ];
}
