// Meta's standard events; custom names are allowed too (reporting and custom conversions only).
export const META_STANDARD_EVENTS = [
  'AddPaymentInfo',
  'AddToCart',
  'AddToWishlist',
  'CompleteRegistration',
  'Contact',
  'CustomizeProduct',
  'Donate',
  'FindLocation',
  'InitiateCheckout',
  'Lead',
  'PageView',
  'Purchase',
  'Schedule',
  'Search',
  'StartTrial',
  'SubmitApplication',
  'Subscribe',
  'ViewContent',
] as const;

const STANDARD_EVENTS: ReadonlySet<string> = new Set(META_STANDARD_EVENTS);

// GA4 and Segment spec names with the Meta names Meta's own server-side GTM template and its
// partners (Segment, RudderStack, Stape) pick for them, plus the TikTok names senders who started
// with TikTok already use.
export const META_SOURCE_ALIASES: Readonly<Record<string, string>> = {
  page_view: 'PageView',
  pageview: 'PageView',
  page: 'PageView',
  'Page Viewed': 'PageView',
  view_item: 'ViewContent',
  'Product Viewed': 'ViewContent',
  'Product List Viewed': 'ViewContent',
  add_to_cart: 'AddToCart',
  'Product Added': 'AddToCart',
  begin_checkout: 'InitiateCheckout',
  'Checkout Started': 'InitiateCheckout',
  add_payment_info: 'AddPaymentInfo',
  'Payment Info Entered': 'AddPaymentInfo',
  purchase: 'Purchase',
  'Order Completed': 'Purchase',
  CompletePayment: 'Purchase',
  search: 'Search',
  'Products Searched': 'Search',
  generate_lead: 'Lead',
  SubmitForm: 'Lead',
  sign_up: 'CompleteRegistration',
  'Signed Up': 'CompleteRegistration',
  add_to_wishlist: 'AddToWishlist',
  'Product Added to Wishlist': 'AddToWishlist',
  contact: 'Contact',
  subscribe: 'Subscribe',
  start_trial: 'StartTrial',
  schedule: 'Schedule',
  submit_application: 'SubmitApplication',
  find_location: 'FindLocation',
  customize_product: 'CustomizeProduct',
  donate: 'Donate',
};

function buildDefaultTable(): ReadonlyMap<string, string> {
  const table = new Map<string, string>();
  for (const name of META_STANDARD_EVENTS) table.set(name.toLowerCase(), name);
  for (const [source, target] of Object.entries(META_SOURCE_ALIASES)) table.set(source.toLowerCase(), target);
  return table;
}

// The default table, keyed by lower-cased source name: what a connector maps to without
// overrides. A connector's own eventMapping is looked up first.
export const DEFAULT_META_EVENT_NAMES: ReadonlyMap<string, string> = buildDefaultTable();

export function isStandardMetaEvent(name: string): boolean {
  return STANDARD_EVENTS.has(name);
}

export function lookupDefaultMetaEventName(sourceName: string): string | undefined {
  return DEFAULT_META_EVENT_NAMES.get(sourceName.trim().toLowerCase());
}
