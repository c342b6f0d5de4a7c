import { resolvePlatformEventName } from './platform-event-name.resolver';

const rules = { lookupDefault: (name: string) => (name === 'purchase' ? 'Purchase' : undefined), keyOf: (name: string) => name.toLowerCase() };

describe('resolvePlatformEventName', () => {
  it("takes the connector's mapping first, exact key before another spelling", () => {
    expect(resolvePlatformEventName('purchase', { purchase: 'Mine', Purchase: 'Other' }, 'send', rules)).toEqual({ name: 'Mine', mapped: 'connector' });
    expect(resolvePlatformEventName('PURCHASE', { Purchase: 'Other' }, 'send', rules)).toEqual({ name: 'Other', mapped: 'connector' });
  });

  it('then the default table, then the unmapped policy', () => {
    expect(resolvePlatformEventName('purchase', {}, 'send', rules)).toEqual({ name: 'Purchase', mapped: 'default' });
    expect(resolvePlatformEventName('wishlist', undefined, 'send', rules)).toEqual({ name: 'wishlist', mapped: 'custom' });
    expect(resolvePlatformEventName('wishlist', {}, 'drop', rules)).toEqual({ dropped: true });
  });
});
