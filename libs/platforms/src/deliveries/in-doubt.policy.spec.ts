import { ClaimedRow, planInDoubt, resendsInDoubt, UnsettledAttempt } from './in-doubt.policy';

const HOUR = 3_600_000;
const resend = { kind: 'resend', dedupWindowMs: 48 * HOUR } as const;
const t0 = new Date('2026-12-01T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const row = (id: string, attempts = 0, retrySince = t0): ClaimedRow => ({ id, attempts, retrySince });
const attempt = (id: string, number: number, deliveryIds: string[], createdAt = at(1000)): UnsettledAttempt => ({
  id,
  attempt: number,
  createdAt,
  deliveryIds,
});

describe('planInDoubt', () => {
  it('finds nothing when no attempt is unsettled', () => {
    expect(planInDoubt(resend, [row('1')], [], at(2000))).toEqual({ resend: new Map(), hold: [], attemptIds: [] });
  });

  it('ignores attempts in flight elsewhere: they carry none of the claimed rows', () => {
    const plan = planInDoubt(resend, [row('1'), row('2')], [attempt('a', 1, ['3', '4'])], at(2000));
    expect(plan).toEqual({ resend: new Map(), hold: [], attemptIds: [] });
  });

  it('resends the rows of a crashed attempt as the next attempt, and names the attempt', () => {
    const plan = planInDoubt(resend, [row('1'), row('2'), row('5')], [attempt('a', 1, ['1', '2', '3'])], at(2000));
    expect(plan.resend).toEqual(new Map([['1', 1], ['2', 1]]));
    expect(plan.hold).toEqual([]);
    expect(plan.attemptIds).toEqual(['a']);
  });

  it('counts a chain of crashes: the highest in-doubt attempt decides', () => {
    const plan = planInDoubt(resend, [row('1')], [attempt('a', 1, ['1']), attempt('b', 2, ['1'], at(5000))], at(6000));
    expect(plan.resend.get('1')).toBe(2);
    expect(plan.attemptIds).toEqual(['a', 'b']);
  });

  it('ignores attempts the row has already counted (a settled resend that is retried later)', () => {
    expect(planInDoubt(resend, [row('1', 2)], [attempt('a', 1, ['1']), attempt('b', 2, ['1'])], at(6000)).resend.size).toBe(0);
  });

  it('ignores attempts from before a replay', () => {
    const replayed = row('1', 0, at(5000));
    expect(planInDoubt(resend, [replayed], [attempt('a', 1, ['1'], at(1000))], at(6000)).resend.size).toBe(0);
  });

  it('holds what the platform would count twice', () => {
    const plan = planInDoubt({ kind: 'hold' }, [row('1'), row('2')], [attempt('a', 1, ['1'])], at(2000));
    expect(plan.resend.size).toBe(0);
    expect(plan.hold).toEqual(['1']);
    expect(plan.attemptIds).toEqual(['a']);
  });

  it("holds rows first sent longer ago than the platform's dedup window", () => {
    const plan = planInDoubt(resend, [row('1'), row('2')], [attempt('old', 1, ['1'], at(0)), attempt('new', 1, ['2'], at(47 * HOUR))], at(48 * HOUR));
    expect(plan.hold).toEqual(['1']);
    expect([...plan.resend.keys()]).toEqual(['2']);
  });
});

describe('resendsInDoubt', () => {
  it('resends inside the window only, and never under a hold policy', () => {
    expect(resendsInDoubt(resend, t0, at(48 * HOUR - 1))).toBe(true);
    expect(resendsInDoubt(resend, t0, at(48 * HOUR))).toBe(false);
    expect(resendsInDoubt({ kind: 'hold' }, t0, t0)).toBe(false);
  });
});
