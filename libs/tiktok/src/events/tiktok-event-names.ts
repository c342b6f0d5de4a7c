// TikTok's current standard events; matching is case-sensitive at TikTok.
export const TIKTOK_STANDARD_EVENTS = [
  'AddPaymentInfo',
  'AddToCart',
  'AddToWishlist',
  'ApplicationApproval',
  'CompleteRegistration',
  'Contact',
  'CustomizeProduct',
  'Download',
  'FindLocation',
  'InitiateCheckout',
  'Lead',
  'Purchase',
  'Schedule',
  'Search',
  'StartTrial',
  'SubmitApplication',
  'Subscribe',
  'ViewContent',
] as const;

// Older names TikTok still accepts and its own GTM template still sends. `Pageview` is in no
// standard list, yet it is what TikTok's templates send for page views, so it counts as known.
export const TIKTOK_LEGACY_EVENTS = ['ClickButton', 'CompletePayment', 'PlaceAnOrder', 'SubmitForm', 'Pageview'] as const;

export const TIKTOK_KNOWN_EVENTS: readonly string[] = [...TIKTOK_STANDARD_EVENTS, ...TIKTOK_LEGACY_EVENTS];

const KNOWN_EVENTS: ReadonlySet<string> = new Set(TIKTOK_KNOWN_EVENTS);

// GA4 and Segment spec names, with the TikTok names TikTok's own GTM template picks for them
// (e.g. purchase -> CompletePayment rather than Purchase, generate_lead -> SubmitForm).
export const TIKTOK_SOURCE_ALIASES: Readonly<Record<string, string>> = {
  purchase: 'CompletePayment',
  'Order Completed': 'CompletePayment',
  add_to_cart: 'AddToCart',
  'Product Added': 'AddToCart',
  begin_checkout: 'InitiateCheckout',
  'Checkout Started': 'InitiateCheckout',
  add_payment_info: 'AddPaymentInfo',
  'Payment Info Entered': 'AddPaymentInfo',
  view_item: 'ViewContent',
  'Product Viewed': 'ViewContent',
  page_view: 'Pageview',
  'Page Viewed': 'Pageview',
  pageview: 'Pageview',
  search: 'Search',
  'Products Searched': 'Search',
  sign_up: 'CompleteRegistration',
  'Signed Up': 'CompleteRegistration',
  add_to_wishlist: 'AddToWishlist',
  'Product Added to Wishlist': 'AddToWishlist',
  generate_lead: 'SubmitForm',
  contact: 'Contact',
  download: 'Download',
  subscribe: 'Subscribe',
  place_an_order: 'PlaceAnOrder',
  click_button: 'ClickButton',
};

function buildDefaultTable(): ReadonlyMap<string, string> {
  const table = new Map<string, string>();
  for (const [source, target] of Object.entries(TIKTOK_SOURCE_ALIASES)) table.set(source.toLowerCase(), target);
  // Source aliases win on a case-insensitive clash: `purchase` must stay CompletePayment even
  // though the TikTok name `Purchase` lowercases to the same key (exact `Purchase` is handled in
  // lookupDefaultTikTokEventName).
  for (const name of TIKTOK_KNOWN_EVENTS) {
    const key = name.toLowerCase();
    if (!table.has(key)) table.set(key, name);
  }
  return table;
}

// Keyed by lower-cased source name.
export const DEFAULT_TIKTOK_EVENT_NAMES: ReadonlyMap<string, string> = buildDefaultTable();

export function isKnownTikTokEvent(name: string): boolean {
  return KNOWN_EVENTS.has(name);
}

export function lookupDefaultTikTokEventName(sourceName: string): string | undefined {
  if (KNOWN_EVENTS.has(sourceName)) return sourceName;
  return DEFAULT_TIKTOK_EVENT_NAMES.get(sourceName.toLowerCase());
}
