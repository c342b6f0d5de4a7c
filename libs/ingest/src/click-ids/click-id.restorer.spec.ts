import type { NormalizedEvent } from '@app/core';
import { ClickIdRestorer, KnownClickIds } from './click-id.restorer';
import { visitorIdentities } from './visitor-identities';

const DAY = 86_400;
const T0 = 1_795_000_000;

function event(partial: Partial<NormalizedEvent> & { user?: NormalizedEvent['user'] }): NormalizedEvent {
  return {
    eventName: 'purchase',
    eventId: 'e',
    eventIdSource: 'client',
    eventTime: T0,
    properties: {},
    clickIds: {},
    ...partial,
    user: partial.user ?? {},
  };
}

describe('visitorIdentities', () => {
  it('lists the anonymous id and every hashed identifier', () => {
    expect(visitorIdentities({ anonymousId: 'v1', user: { email: ['e1'], phone: ['p1'], externalId: ['x1'] } })).toEqual([
      'anon:v1',
      'xid:x1',
      'email:e1',
      'phone:p1',
    ]);
    expect(visitorIdentities({ user: {} })).toEqual([]);
  });
});

describe('ClickIdRestorer', () => {
  it('carries a ttclid from an anonymous landing, to a purchase with an email, to a purchase with only the email', () => {
    const restorer = new ClickIdRestorer(new Map(), 7 * DAY);
    const landing = event({ anonymousId: 'v1', eventTime: T0, user: { ttclid: 'E.C.P.abc', ttp: 'ttp1' } });
    expect(restorer.apply(landing)).toEqual({ ttclidRestored: false, ttpRestored: false, visitorHadTtclid: true });

    const checkout = event({ anonymousId: 'v1', eventTime: T0 + 600, user: { email: ['h-email'] } });
    expect(restorer.apply(checkout)).toEqual({ ttclidRestored: true, ttpRestored: true, visitorHadTtclid: true });
    expect(checkout.user).toMatchObject({ ttclid: 'E.C.P.abc', ttp: 'ttp1' });
    expect(checkout.clickIds).toEqual({ ttclidSource: 'restored', ttpSource: 'restored' });

    const otherDomain = event({ eventTime: T0 + 3600, user: { email: ['h-email'] } });
    expect(restorer.apply(otherDomain)).toEqual({ ttclidRestored: true, ttpRestored: true, visitorHadTtclid: true });
    expect(otherDomain.user.ttclid).toBe('E.C.P.abc');
    // The copy keeps the original capture time, so the window does not slide forward forever.
    expect(restorer.known.get('email:h-email')?.ttclidAt).toBe(T0);
    expect([...restorer.changed].sort()).toEqual(['anon:v1', 'email:h-email']);
  });

  it('does not restore outside the attribution window', () => {
    const stored = new Map<string, KnownClickIds>([['anon:v1', { ttclid: 'old', ttclidAt: T0 - 8 * DAY }]]);
    const late = event({ anonymousId: 'v1', user: {} });
    // Out of the window, but still a visitor who came from a TikTok ad.
    expect(new ClickIdRestorer(stored, 7 * DAY).apply(late)).toEqual({ ttclidRestored: false, ttpRestored: false, visitorHadTtclid: true });
    expect(late.user.ttclid).toBeUndefined();
  });

  it('prefers the freshest value across identities and never overwrites what the event carries', () => {
    const stored = new Map<string, KnownClickIds>([
      ['anon:v1', { ttclid: 'older', ttclidAt: T0 - 2 * DAY }],
      ['email:h', { ttclid: 'newer', ttclidAt: T0 - DAY }],
    ]);
    const restorer = new ClickIdRestorer(stored, 7 * DAY);
    const both = event({ anonymousId: 'v1', user: { email: ['h'] } });
    restorer.apply(both);
    expect(both.user.ttclid).toBe('newer');

    const own = event({ anonymousId: 'v1', user: { ttclid: 'mine' } });
    expect(restorer.apply(own).ttclidRestored).toBe(false);
    expect(own.user.ttclid).toBe('mine');
    expect(restorer.known.get('anon:v1')?.ttclid).toBe('mine');
  });

  it('has nothing to restore for an event without identities', () => {
    const restorer = new ClickIdRestorer(new Map([['anon:v1', { ttclid: 'x', ttclidAt: T0 }]]), 7 * DAY);
    expect(restorer.apply(event({ user: {} }))).toEqual({ ttclidRestored: false, ttpRestored: false, visitorHadTtclid: false });
  });
});
