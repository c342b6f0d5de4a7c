import { evaluateAlertRules, HAD_TRAFFIC_LOOKBACK_MS, RuleConnector, RuleInputs } from './alert-rules';

const MINUTE = 60_000;
const now = new Date('2026-12-03T12:00:00Z');
const limits = { noTrafficMinutes: 60, maxRejectionRate: 0.2, rejectionWindowMinutes: 60, rejectionMinEvents: 20 };
const active: RuleConnector = { id: 'c1', name: 'Main', platform: 'tiktok', status: 'active', statusReason: null, lastValidation: null };
const invalid: RuleConnector = {
  ...active,
  id: 'c2',
  status: 'invalid',
  statusReason: 'TikTok refused the access token: Access token revoked',
  lastValidation: { code: 40105, message: 'Access token revoked' },
};
const inputs = (over: Partial<RuleInputs> = {}): RuleInputs => ({
  now,
  connectors: [active],
  lastEventAt: new Date(now.getTime() - MINUTE),
  received: 100,
  rejected: 0,
  open: [],
  ...over,
});

describe('evaluateAlertRules', () => {
  it('raises nothing for a healthy workspace', () => {
    expect(evaluateAlertRules(inputs(), limits)).toEqual({ raise: [], resolve: [] });
  });

  it('raises an invalid connector with its code and message, once while it is open', () => {
    const { raise } = evaluateAlertRules(inputs({ connectors: [active, invalid] }), limits);
    expect(raise).toEqual([
      expect.objectContaining({
        kind: 'connector_invalid',
        subject: 'c2',
        details: { connector: { id: 'c2', name: 'Main', platform: 'tiktok' }, code: 40105, message: 'Access token revoked' },
      }),
    ]);
    const again = evaluateAlertRules(inputs({ connectors: [active, invalid], open: [{ id: 'a1', kind: 'connector_invalid', subject: 'c2' }] }), limits);
    expect(again).toEqual({ raise: [], resolve: [] });
  });

  it('resolves an invalid-connector alert once the connector is active again or gone', () => {
    const open = [{ id: 'a1', kind: 'connector_invalid' as const, subject: 'c2' }];
    expect(evaluateAlertRules(inputs({ connectors: [active, { ...invalid, status: 'active' }], open }), limits).resolve).toEqual(['a1']);
    expect(evaluateAlertRules(inputs({ open }), limits).resolve).toEqual(['a1']);
  });

  it('raises no traffic after the window of quiet that followed traffic, for a workspace with an active connector', () => {
    const quiet = inputs({ lastEventAt: new Date(now.getTime() - 61 * MINUTE) });
    expect(evaluateAlertRules(quiet, limits).raise.map((a) => a.kind)).toEqual(['no_traffic']);
    expect(evaluateAlertRules({ ...quiet, lastEventAt: new Date(now.getTime() - 59 * MINUTE) }, limits).raise).toEqual([]);
    expect(evaluateAlertRules({ ...quiet, connectors: [invalid] }, limits).raise.map((a) => a.kind)).toEqual(['connector_invalid']);
    expect(evaluateAlertRules({ ...quiet, lastEventAt: null }, limits).raise).toEqual([]);
    const longAgo = new Date(now.getTime() - 60 * MINUTE - HAD_TRAFFIC_LOOKBACK_MS - 1);
    expect(evaluateAlertRules({ ...quiet, lastEventAt: longAgo }, limits).raise).toEqual([]);
  });

  it('keeps no traffic open while quiet and resolves it when events flow again', () => {
    const open = [{ id: 'a2', kind: 'no_traffic' as const, subject: 'workspace' }];
    const longAgo = new Date(now.getTime() - 60 * MINUTE - HAD_TRAFFIC_LOOKBACK_MS - 1);
    expect(evaluateAlertRules(inputs({ lastEventAt: longAgo, open }), limits)).toEqual({ raise: [], resolve: [] });
    expect(evaluateAlertRules(inputs({ open }), limits).resolve).toEqual(['a2']);
  });

  it('raises a rejection rate above the threshold once enough events arrived', () => {
    expect(evaluateAlertRules(inputs({ received: 100, rejected: 21 }), limits).raise).toEqual([
      expect.objectContaining({ kind: 'rejection_rate', subject: 'workspace', details: expect.objectContaining({ rate: 0.21, threshold: 0.2 }) }),
    ]);
    expect(evaluateAlertRules(inputs({ received: 100, rejected: 20 }), limits).raise).toEqual([]);
    expect(evaluateAlertRules(inputs({ received: 19, rejected: 19 }), limits).raise).toEqual([]);
  });

  it('resolves the rejection rate when it falls, and keeps it open on too few events that are still rejected', () => {
    const open = [{ id: 'a3', kind: 'rejection_rate' as const, subject: 'workspace' }];
    expect(evaluateAlertRules(inputs({ received: 100, rejected: 5, open }), limits).resolve).toEqual(['a3']);
    expect(evaluateAlertRules(inputs({ received: 0, rejected: 0, open }), limits).resolve).toEqual(['a3']);
    expect(evaluateAlertRules(inputs({ received: 5, rejected: 5, open }), limits).resolve).toEqual([]);
  });
});
