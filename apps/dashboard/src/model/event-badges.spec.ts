import { eventBadges } from './event-badges';

const base = { eventName: 'purchase', eventId: 'e1', eventIdSource: 'client' as const, eventTime: 1, properties: {}, clickIds: {} };

describe('eventBadges', () => {
  it('shows one badge per identifier present, in a fixed order', () => {
    const badges = eventBadges({
      event: {
        ...base,
        user: { ttclid: 'E.C.P', ttp: 't', fbc: 'fb.1.1.x', fbp: 'fb.1.1.2', email: ['h'], phone: ['p'], ip: '1.2.3.4', userAgent: 'UA' },
        clickIds: { ttclidSource: 'url', ttpSource: 'cookie' },
      },
      ttclidRestored: false,
      ttpRestored: false,
    });
    expect(badges.map((b) => b.label)).toEqual(['ttclid', 'ttp', 'fbc', 'fbp', 'email', 'phone', 'IP', 'user agent']);
    expect(badges[0].description).toBe('TikTok click id (from url)');
  });

  it('marks restored click ids and shows nothing for an anonymous bare event', () => {
    const restored = eventBadges({ event: { ...base, user: { ttclid: 'x' }, clickIds: { ttclidSource: 'restored' } }, ttclidRestored: true, ttpRestored: false });
    expect(restored.map((b) => b.id)).toEqual(['ttclid', 'restored']);
    expect(restored[1].description).toContain('restored the ttclid');
    expect(eventBadges({ event: { ...base, user: { email: [] } }, ttclidRestored: false, ttpRestored: false })).toEqual([]);
  });
});
