import { DEFAULT_META_EVENT_NAMES, isStandardMetaEvent, lookupDefaultMetaEventName, META_STANDARD_EVENTS } from './meta-event-names';

describe('Meta event names', () => {
  it('lists the 18 standard events, case-sensitive', () => {
    expect(META_STANDARD_EVENTS).toHaveLength(18);
    expect(isStandardMetaEvent('PageView')).toBe(true);
    expect(isStandardMetaEvent('Pageview')).toBe(false);
    expect(isStandardMetaEvent('CompletePayment')).toBe(false);
  });

  it.each([
    ['page_view', 'PageView'],
    ['Page Viewed', 'PageView'],
    ['Pageview', 'PageView'],
    ['view_item', 'ViewContent'],
    ['Product Viewed', 'ViewContent'],
    ['Product List Viewed', 'ViewContent'],
    ['add_to_cart', 'AddToCart'],
    ['Product Added', 'AddToCart'],
    ['begin_checkout', 'InitiateCheckout'],
    ['Checkout Started', 'InitiateCheckout'],
    ['add_payment_info', 'AddPaymentInfo'],
    ['Payment Info Entered', 'AddPaymentInfo'],
    ['purchase', 'Purchase'],
    ['Order Completed', 'Purchase'],
    ['CompletePayment', 'Purchase'],
    ['search', 'Search'],
    ['Products Searched', 'Search'],
    ['generate_lead', 'Lead'],
    ['sign_up', 'CompleteRegistration'],
    ['add_to_wishlist', 'AddToWishlist'],
    ['contact', 'Contact'],
    ['subscribe', 'Subscribe'],
    ['start_trial', 'StartTrial'],
    ['schedule', 'Schedule'],
    ['submit_application', 'SubmitApplication'],
    ['find_location', 'FindLocation'],
    ['customize_product', 'CustomizeProduct'],
    ['donate', 'Donate'],
  ])('maps %s to %s', (source, target) => {
    expect(lookupDefaultMetaEventName(source)).toBe(target);
  });

  it.each(META_STANDARD_EVENTS.map((name) => [name]))('maps the Meta name %s to itself in any casing', (name) => {
    expect(lookupDefaultMetaEventName(name)).toBe(name);
    expect(lookupDefaultMetaEventName(name.toUpperCase())).toBe(name);
  });

  it('has no entry for custom names, and only standard events as targets', () => {
    expect(lookupDefaultMetaEventName('quiz_finished')).toBeUndefined();
    expect(lookupDefaultMetaEventName('constructor')).toBeUndefined();
    for (const [source, target] of DEFAULT_META_EVENT_NAMES) {
      expect(source).toBe(source.toLowerCase());
      expect(isStandardMetaEvent(target)).toBe(true);
    }
  });
});
