import type { Schema } from '../api/api-client';

type HealthCheck = Schema<'HealthCheckView'>;

export const CHECK_TITLES: Record<string, string> = {
  rejection_rate: 'Rejection rate',
  ttclid_coverage: 'ttclid coverage',
  ttp_coverage: 'ttp coverage',
  connector_click_ids: 'Click ids per connector',
  event_name_mapping: 'Event-name mapping',
  connectors_valid: 'Connector credentials',
  events_deliverable: 'Events deliverable',
  pending_deliveries: 'Pending deliveries',
};

export const checkTitle = (name: string): string => CHECK_TITLES[name] ?? name.replace(/_/g, ' ');

export interface Verdict {
  status: 'ok' | 'warn' | 'fail';
  words: string;
}

// The first-production-day answer in one sentence: the guide's "monitor rejection rates,
// click-ID coverage, and event-name mapping", checked by the api against its thresholds.
export function healthVerdict(checks: HealthCheck[]): Verdict {
  const failing = checks.filter((c) => c.status === 'fail');
  const warning = checks.filter((c) => c.status === 'warn');
  const names = (list: HealthCheck[]) => list.map((c) => checkTitle(c.name)).join(', ');
  if (failing.length > 0) {
    return { status: 'fail', words: `Needs action: ${names(failing)}${warning.length ? `; also check ${names(warning)}` : ''}.` };
  }
  if (warning.length > 0) return { status: 'warn', words: `Worth a look: ${names(warning)}. Everything else is within limits.` };
  return { status: 'ok', words: 'All checks pass: events arrive, are delivered, and carry the identifiers TikTok matches on.' };
}
