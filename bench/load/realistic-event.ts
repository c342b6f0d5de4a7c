// The event both servers receive: what a shop's server sends for a purchase, with every identifier
// TrackLayer works on (email, phone, ip, user agent, a page URL carrying ttclid, the _ttp cookie,
// value, currency and two contents). Each event gets its own visitor (email, phone, anonymous id,
// click ids) so the click-id store sees realistic, mostly distinct identities instead of one hot
// row, and its own event_id so dedup accepts it.
const USER_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

// Template strings rather than JSON.stringify of an object: the load generator shares the two
// cores with the servers, so building a body must cost as little as possible.
export function realisticEventJson(eventId: string, visitor: number, eventTime: number): string {
  const phone = String(visitor % 10_000).padStart(4, '0');
  return (
    `{"event":"purchase","event_id":"${eventId}","event_time":${eventTime},"anonymous_id":"v-${visitor}",` +
    `"user":{"email":"Shopper.${visitor}@Example.com","phone":"+1 213 373 ${phone}","ip":"203.0.113.${(visitor % 250) + 1}",` +
    `"user_agent":"${USER_AGENT}"},` +
    `"page":{"url":"https://shop.example/checkout/thanks?order=${visitor}&ttclid=E.C.P.Cg${visitor}AbCdEfGhIjKlMnOp",` +
    `"referrer":"https://shop.example/cart"},` +
    `"properties":{"value":84.9,"currency":"USD","order_id":"order-${visitor}","content_type":"product","contents":[` +
    `{"content_id":"sku-1001","content_name":"Trail running shoe","price":59.9,"quantity":1},` +
    `{"content_id":"sku-2002","content_name":"Merino socks","price":12.5,"quantity":2}]},` +
    `"cookies":{"_ttp":"2aB3cD4eF5gH6iJ7kL8mN9${visitor}"}}`
  );
}

// Event ids are `<tag>-<request>` for single events and `<tag>-<request>-<index>` in batches: the
// integrity check maps every stored row back to the request that carried it.
export function requestBody(tag: string, request: number, eventsPerRequest: number, eventTime: number): string {
  if (eventsPerRequest === 1) return realisticEventJson(`${tag}-${request}`, visitorOf(tag, request, 0, 1), eventTime);
  const events = new Array<string>(eventsPerRequest);
  for (let i = 0; i < eventsPerRequest; i++) {
    events[i] = realisticEventJson(`${tag}-${request}-${i}`, visitorOf(tag, request, i, eventsPerRequest), eventTime);
  }
  return `{"batch":[${events.join(',')}]}`;
}

// Distinct visitors across runs of one bench: each tag gets its own range of a billion.
const TAG_OFFSETS = new Map<string, number>();
export function visitorOf(tag: string, request: number, index: number, perRequest: number): number {
  let offset = TAG_OFFSETS.get(tag);
  if (offset === undefined) {
    offset = (TAG_OFFSETS.size + 1) * 1_000_000_000;
    TAG_OFFSETS.set(tag, offset);
  }
  return offset + request * perRequest + index;
}
