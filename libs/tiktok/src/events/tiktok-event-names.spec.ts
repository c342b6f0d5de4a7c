import {
  DEFAULT_TIKTOK_EVENT_NAMES,
  closestKnownTikTokEvent,
  eventNameKey,
  TIKTOK_KNOWN_EVENTS,
  TIKTOK_LEGACY_EVENTS,
  TIKTOK_STANDARD_EVENTS,
  isKnownTikTokEvent,
  lookupDefaultTikTokEventName,
} from './tiktok-event-names';

describe('TikTok event names', () => {
  it('lists the 18 standard and the legacy names TikTok documents', () => {
    expect(TIKTOK_STANDARD_EVENTS).toHaveLength(18);
    expect(TIKTOK_LEGACY_EVENTS).toEqual(['ClickButton', 'CompletePayment', 'PlaceAnOrder', 'SubmitForm', 'Pageview']);
    expect(TIKTOK_KNOWN_EVENTS).toHaveLength(23);
  });

  it('knows TikTok names only with their exact casing', () => {
    expect(isKnownTikTokEvent('CompletePayment')).toBe(true);
    expect(isKnownTikTokEvent('Pageview')).toBe(true);
    expect(isKnownTikTokEvent('completepayment')).toBe(false);
    expect(isKnownTikTokEvent('PageView')).toBe(false);
    expect(isKnownTikTokEvent('MyCustomEvent')).toBe(false);
  });

  it.each([
    ['purchase', 'CompletePayment'],
    ['Order Completed', 'CompletePayment'],
    ['add_to_cart', 'AddToCart'],
    ['Product Added', 'AddToCart'],
    ['begin_checkout', 'InitiateCheckout'],
    ['Checkout Started', 'InitiateCheckout'],
    ['add_payment_info', 'AddPaymentInfo'],
    ['Payment Info Entered', 'AddPaymentInfo'],
    ['view_item', 'ViewContent'],
    ['Product Viewed', 'ViewContent'],
    ['page_view', 'Pageview'],
    ['Page Viewed', 'Pageview'],
    ['pageview', 'Pageview'],
    ['search', 'Search'],
    ['Products Searched', 'Search'],
    ['sign_up', 'CompleteRegistration'],
    ['Signed Up', 'CompleteRegistration'],
    ['add_to_wishlist', 'AddToWishlist'],
    ['Product Added to Wishlist', 'AddToWishlist'],
    ['generate_lead', 'SubmitForm'],
    ['contact', 'Contact'],
    ['download', 'Download'],
    ['subscribe', 'Subscribe'],
    ['place_an_order', 'PlaceAnOrder'],
    ['click_button', 'ClickButton'],
  ])('maps the source name %s to %s', (source, target) => {
    expect(lookupDefaultTikTokEventName(source)).toBe(target);
  });

  it('looks source names up ignoring case, spaces, underscores and hyphens', () => {
    expect(lookupDefaultTikTokEventName('ORDER COMPLETED')).toBe('CompletePayment');
    expect(lookupDefaultTikTokEventName('order_completed')).toBe('CompletePayment');
    expect(lookupDefaultTikTokEventName('Add_To_Cart')).toBe('AddToCart');
    expect(lookupDefaultTikTokEventName('add-to-cart')).toBe('AddToCart');
    expect(lookupDefaultTikTokEventName('AddToCart')).toBe('AddToCart');
    expect(lookupDefaultTikTokEventName('page viewed')).toBe('Pageview');
    expect(lookupDefaultTikTokEventName('application approval')).toBe('ApplicationApproval');
    expect(lookupDefaultTikTokEventName('Application_Approved')).toBe('ApplicationApproval');
    expect(lookupDefaultTikTokEventName('  begin checkout ')).toBe('InitiateCheckout');
  });

  it.each([
    ['Products Searched', 'Search'],
    ['Product Viewed', 'ViewContent'],
    ['Product Added', 'AddToCart'],
    ['Product Added to Wishlist', 'AddToWishlist'],
    ['Checkout Started', 'InitiateCheckout'],
    ['Payment Info Entered', 'AddPaymentInfo'],
    ['Order Completed', 'CompletePayment'],
    ['Signed Up', 'CompleteRegistration'],
    ['Trial Started', 'StartTrial'],
  ])("covers Segment's spec name %s", (source, target) => {
    expect(lookupDefaultTikTokEventName(source)).toBe(target);
  });

  it.each([
    ['purchase', 'CompletePayment'],
    ['add_to_cart', 'AddToCart'],
    ['begin_checkout', 'InitiateCheckout'],
    ['add_payment_info', 'AddPaymentInfo'],
    ['view_item', 'ViewContent'],
    ['view_search_results', 'Search'],
    ['sign_up', 'CompleteRegistration'],
    ['generate_lead', 'SubmitForm'],
    ['file_download', 'Download'],
  ])("covers GA4's event %s", (source, target) => {
    expect(lookupDefaultTikTokEventName(source)).toBe(target);
  });

  it('finds the TikTok name a differently spelled target meant', () => {
    expect(closestKnownTikTokEvent('complete payment')).toBe('CompletePayment');
    expect(closestKnownTikTokEvent('PageView')).toBe('Pageview');
    expect(closestKnownTikTokEvent('BigOrder')).toBeUndefined();
  });

  it.each(TIKTOK_KNOWN_EVENTS.map((name) => [name]))('maps the TikTok name %s to itself', (name) => {
    expect(lookupDefaultTikTokEventName(name)).toBe(name);
  });

  it('maps TikTok names in other casings to the TikTok spelling', () => {
    expect(lookupDefaultTikTokEventName('PageView')).toBe('Pageview');
    expect(lookupDefaultTikTokEventName('completepayment')).toBe('CompletePayment');
    expect(lookupDefaultTikTokEventName('VIEWCONTENT')).toBe('ViewContent');
  });

  it('keeps exact `Purchase` as Purchase while other casings of purchase follow GA4', () => {
    expect(lookupDefaultTikTokEventName('Purchase')).toBe('Purchase');
    expect(lookupDefaultTikTokEventName('purchase')).toBe('CompletePayment');
    expect(lookupDefaultTikTokEventName('PURCHASE')).toBe('CompletePayment');
  });

  it('has no entry for unknown names', () => {
    expect(lookupDefaultTikTokEventName('my_custom_event')).toBeUndefined();
    expect(DEFAULT_TIKTOK_EVENT_NAMES.has('my_custom_event')).toBe(false);
  });

  it('keys the default table by eventNameKey and targets only known TikTok names', () => {
    for (const [source, target] of DEFAULT_TIKTOK_EVENT_NAMES) {
      expect(source).toBe(eventNameKey(source));
      expect(isKnownTikTokEvent(target)).toBe(true);
    }
  });
});
