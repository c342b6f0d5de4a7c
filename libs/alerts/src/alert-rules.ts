export const ALERT_KINDS = ['connector_invalid', 'no_traffic', 'rejection_rate'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

// The subject of the alerts about the workspace as a whole (no traffic, rejection rate).
export const WORKSPACE_SUBJECT = 'workspace';

// Raising a no-traffic alert needs traffic in this long before the quiet window: a workspace that
// went quiet months ago is not news when alerting starts.
export const HAD_TRAFFIC_LOOKBACK_MS = 24 * 60 * 60 * 1000;

export interface RuleConnector {
  id: string;
  name: string;
  platform: string;
  status: 'active' | 'invalid';
  statusReason: string | null;
  lastValidation: { code: number | null; message: string } | null;
}

export interface RuleInputs {
  now: Date;
  connectors: RuleConnector[];
  // The newest accepted event of the workspace.
  lastEventAt: Date | null;
  // Events received and rejected within the rejection window.
  received: number;
  rejected: number;
  open: Array<{ id: string; kind: AlertKind; subject: string }>;
}

export interface RuleLimits {
  noTrafficMinutes: number;
  maxRejectionRate: number;
  rejectionWindowMinutes: number;
  rejectionMinEvents: number;
}

export interface RaisedAlert {
  kind: AlertKind;
  subject: string;
  message: string;
  details: Record<string, unknown>;
}

// One workspace's alert decisions: what to raise (a condition with no open alert of its kind and
// subject) and which open alerts to resolve (their condition is over). Pure, so the worker only
// reads the inputs and writes the decisions.
export function evaluateAlertRules(inputs: RuleInputs, limits: RuleLimits): { raise: RaisedAlert[]; resolve: string[] } {
  const conditions: RaisedAlert[] = [];
  const over = new Set<string>();
  const key = (kind: AlertKind, subject: string) => `${kind}:${subject}`;

  for (const connector of inputs.connectors) {
    if (connector.status !== 'invalid') continue;
    const code = connector.lastValidation?.code ?? null;
    const message = connector.lastValidation?.message ?? connector.statusReason ?? 'The platform refused the credentials';
    conditions.push({
      kind: 'connector_invalid',
      subject: connector.id,
      message: `Connector "${connector.name}" (${connector.platform}) is invalid: ${connector.statusReason ?? message}. Its deliveries are held until the credentials are fixed.`,
      details: { connector: { id: connector.id, name: connector.name, platform: connector.platform }, code, message },
    });
  }
  const invalid = new Set(conditions.map((c) => c.subject));
  for (const alert of inputs.open) if (alert.kind === 'connector_invalid' && !invalid.has(alert.subject)) over.add(key(alert.kind, alert.subject));

  const windowMs = limits.noTrafficMinutes * 60_000;
  const quietMs = inputs.lastEventAt ? inputs.now.getTime() - inputs.lastEventAt.getTime() : null;
  const hasActive = inputs.connectors.some((c) => c.status === 'active');
  if (hasActive && quietMs !== null && quietMs >= windowMs && quietMs < windowMs + HAD_TRAFFIC_LOOKBACK_MS) {
    conditions.push({
      kind: 'no_traffic',
      subject: WORKSPACE_SUBJECT,
      message: `No events for ${limits.noTrafficMinutes} minutes: the last one arrived at ${inputs.lastEventAt?.toISOString()}.`,
      details: { lastEventAt: inputs.lastEventAt?.toISOString(), windowMinutes: limits.noTrafficMinutes },
    });
  }
  // Over when events flow again, or when there is no active connector left to feed.
  if (!hasActive || (quietMs !== null && quietMs < windowMs)) over.add(key('no_traffic', WORKSPACE_SUBJECT));

  const rate = inputs.received > 0 ? inputs.rejected / inputs.received : 0;
  if (inputs.received >= limits.rejectionMinEvents && rate > limits.maxRejectionRate) {
    conditions.push({
      kind: 'rejection_rate',
      subject: WORKSPACE_SUBJECT,
      message: `${inputs.rejected} of ${inputs.received} events (${percent(rate)}) were rejected in the last ${limits.rejectionWindowMinutes} minutes, above ${percent(limits.maxRejectionRate)}.`,
      details: {
        rejected: inputs.rejected,
        received: inputs.received,
        rate,
        threshold: limits.maxRejectionRate,
        windowMinutes: limits.rejectionWindowMinutes,
      },
    });
  }
  // Too few events to judge keeps an open alert open, unless none were rejected at all.
  if (rate <= limits.maxRejectionRate) over.add(key('rejection_rate', WORKSPACE_SUBJECT));

  const open = new Set(inputs.open.map((alert) => key(alert.kind, alert.subject)));
  return {
    raise: conditions.filter((c) => !open.has(key(c.kind, c.subject))),
    resolve: inputs.open.filter((alert) => over.has(key(alert.kind, alert.subject))).map((alert) => alert.id),
  };
}

function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}
