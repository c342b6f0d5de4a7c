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

// Source names as GA4, Segment's specs (e-commerce v2, B2B SaaS), Shopify's web pixel and common
// hand-written tracking spell them, with the TikTok names TikTok's own GTM template picks for
// them (e.g. purchase -> CompletePayment rather than Purchase, generate_lead -> SubmitForm).
// Lookups ignore case, spaces, underscores and hyphens, so one spelling per name is enough here.
export const TIKTOK_SOURCE_ALIASES: Readonly<Record<string, string>> = {
  // GA4 recommended and automatic events
  purchase: 'CompletePayment',
  add_to_cart: 'AddToCart',
  begin_checkout: 'InitiateCheckout',
  add_payment_info: 'AddPaymentInfo',
  view_item: 'ViewContent',
  page_view: 'Pageview',
  search: 'Search',
  view_search_results: 'Search',
  sign_up: 'CompleteRegistration',
  add_to_wishlist: 'AddToWishlist',
  generate_lead: 'SubmitForm',
  file_download: 'Download',
  // Segment e-commerce v2 and B2B SaaS specs
  'Order Completed': 'CompletePayment',
  'Product Added': 'AddToCart',
  'Checkout Started': 'InitiateCheckout',
  'Payment Info Entered': 'AddPaymentInfo',
  'Product Viewed': 'ViewContent',
  'Products Searched': 'Search',
  'Product Added to Wishlist': 'AddToWishlist',
  'Page Viewed': 'Pageview',
  'Loaded a Page': 'Pageview',
  'Signed Up': 'CompleteRegistration',
  'Account Created': 'CompleteRegistration',
  'Trial Started': 'StartTrial',
  // Shopify's customer events (web pixels)
  checkout_completed: 'CompletePayment',
  checkout_started: 'InitiateCheckout',
  product_added_to_cart: 'AddToCart',
  product_viewed: 'ViewContent',
  page_viewed: 'Pageview',
  search_submitted: 'Search',
  payment_info_submitted: 'AddPaymentInfo',
  // What people write for TikTok's remaining events
  'Application Approved': 'ApplicationApproval',
  'Application Submitted': 'SubmitApplication',
  'Form Submitted': 'SubmitForm',
  'Appointment Scheduled': 'Schedule',
  'Location Found': 'FindLocation',
  'Product Customized': 'CustomizeProduct',
  'Button Clicked': 'ClickButton',
  'Order Placed': 'PlaceAnOrder',
  'Newsletter Subscribed': 'Subscribe',
  contact: 'Contact',
  download: 'Download',
  subscribe: 'Subscribe',
  place_an_order: 'PlaceAnOrder',
  click_button: 'ClickButton',
};

const IGNORED_IN_NAMES = /[\s_-]+/g;

// The key two spellings of one event name share: "Order Completed", "order_completed" and
// "ORDER-COMPLETED" are the same event to the people who write them.
export function eventNameKey(name: string): string {
  return name.replace(IGNORED_IN_NAMES, '').toLowerCase();
}

function buildDefaultTable(): ReadonlyMap<string, string> {
  const table = new Map<string, string>();
  for (const [source, target] of Object.entries(TIKTOK_SOURCE_ALIASES)) table.set(eventNameKey(source), target);
  // Source names win on a clash: `purchase` must stay CompletePayment even though the TikTok name
  // `Purchase` has the same key (exact `Purchase` is handled in lookupDefaultTikTokEventName).
  for (const name of TIKTOK_KNOWN_EVENTS) {
    const key = eventNameKey(name);
    if (!table.has(key)) table.set(key, name);
  }
  return table;
}

// Keyed by eventNameKey(source name).
export const DEFAULT_TIKTOK_EVENT_NAMES: ReadonlyMap<string, string> = buildDefaultTable();

export function isKnownTikTokEvent(name: string): boolean {
  return KNOWN_EVENTS.has(name);
}

// The TikTok name a connector target probably meant ("complete payment" -> CompletePayment), for
// flagging a mapping to a name TikTok does not know; undefined when nothing is close.
export function closestKnownTikTokEvent(name: string): string | undefined {
  const key = eventNameKey(name);
  return TIKTOK_KNOWN_EVENTS.find((known) => eventNameKey(known) === key);
}

export function lookupDefaultTikTokEventName(sourceName: string): string | undefined {
  if (KNOWN_EVENTS.has(sourceName)) return sourceName;
  return DEFAULT_TIKTOK_EVENT_NAMES.get(eventNameKey(sourceName));
}
