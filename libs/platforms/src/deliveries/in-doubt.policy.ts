import type { InDoubtPolicy } from '../platform/platform';

// An attempt whose answer was never settled, as the claim reads it from delivery_logs.
export interface UnsettledAttempt {
  id: string;
  attempt: number;
  createdAt: Date;
  // Deliveries of its batch (the claim reads only those it has claimed itself).
  deliveryIds: string[];
}

export interface ClaimedRow {
  id: string;
  // Attempts settled so far.
  attempts: number;
  // Replays restart the clock: attempts older than this are not this delivery's.
  retrySince: Date;
}

export interface InDoubtPlan {
  // Claimed deliveries that an unsettled attempt already carried: to send again, with the attempts
  // they now count (the in-doubt ones included).
  resend: Map<string, number>;
  // Deliveries the platform's policy parks as `in_doubt` instead.
  hold: string[];
  // The unsettled attempts that carried them: their worker is gone (it no longer holds the rows).
  attemptIds: string[];
}

// The claimed rows were free to lock, so no live worker is sending them: any unsettled attempt
// that carried one of them lost its worker mid-request. Each such delivery is in doubt, and its
// next request counts as the attempt after the highest in-doubt one (1 crashed -> attempt 2).
export function planInDoubt(policy: InDoubtPolicy, claimed: ClaimedRow[], unsettled: UnsettledAttempt[], now: Date): InDoubtPlan {
  const plan: InDoubtPlan = { resend: new Map(), hold: [], attemptIds: [] };
  if (unsettled.length === 0) return plan;
  const byId = new Map(claimed.map((row) => [row.id, row]));
  const found = new Map<string, { attempts: number; firstSentAt: Date }>();
  for (const attempt of unsettled) {
    let carried = false;
    for (const id of attempt.deliveryIds) {
      const row = byId.get(id);
      if (!row || attempt.createdAt < row.retrySince || attempt.attempt <= row.attempts) continue;
      carried = true;
      const seen = found.get(id);
      found.set(id, {
        attempts: Math.max(seen?.attempts ?? 0, attempt.attempt),
        firstSentAt: seen && seen.firstSentAt < attempt.createdAt ? seen.firstSentAt : attempt.createdAt,
      });
    }
    if (carried) plan.attemptIds.push(attempt.id);
  }
  for (const [id, { attempts, firstSentAt }] of found) {
    if (resendsInDoubt(policy, firstSentAt, now)) plan.resend.set(id, attempts);
    else plan.hold.push(id);
  }
  return plan;
}

// A resend is harmless only while the platform still remembers the first copy's event_id.
export function resendsInDoubt(policy: InDoubtPolicy, firstSentAt: Date, now: Date): boolean {
  return policy.kind === 'resend' && now.getTime() - firstSentAt.getTime() < policy.dedupWindowMs;
}
