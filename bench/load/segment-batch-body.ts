import { visitorOf } from './realistic-event';

const USER_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

// The purchase of realistic-event.ts as @segment/analytics-node 3.x sends it in /v1/batch: a track
// "Order Completed" with the same identifiers and no more (anonymous id, email and phone in
// context.traits, the visitor's ip and user agent in context, the page URL with its ttclid, _ttp in
// integrations; no userId, which the native event lacks and which would add an identity to hash and
// remember), revenue, currency and two products, plus the library, _metadata and timestamps the
// client adds. The messageId is the event id the integrity check maps back to the request.
export function segmentMessageJson(messageId: string, visitor: number, timestamp: string): string {
  const phone = String(visitor % 10_000).padStart(4, '0');
  return (
    `{"type":"track","event":"Order Completed","anonymousId":"v-${visitor}",` +
    `"properties":{"order_id":"order-${visitor}","revenue":84.9,"currency":"USD","products":[` +
    `{"product_id":"sku-1001","name":"Trail running shoe","price":59.9,"quantity":1},` +
    `{"product_id":"sku-2002","name":"Merino socks","price":12.5,"quantity":2}]},` +
    `"context":{"library":{"name":"@segment/analytics-node","version":"3.1.0"},` +
    `"traits":{"email":"Shopper.${visitor}@Example.com","phone":"+1 213 373 ${phone}"},` +
    `"ip":"203.0.113.${(visitor % 250) + 1}","userAgent":"${USER_AGENT}",` +
    `"page":{"url":"https://shop.example/checkout/thanks?order=${visitor}&ttclid=E.C.P.Cg${visitor}AbCdEfGhIjKlMnOp","referrer":"https://shop.example/cart"}},` +
    `"integrations":{"TikTok Conversions":{"ttp":"2aB3cD4eF5gH6iJ7kL8mN9${visitor}"}},` +
    `"_metadata":{"nodeVersion":"v20.19.0","jsRuntime":"node"},"timestamp":"${timestamp}","messageId":"${messageId}"}`
  );
}

// The events happened at `eventTime` (Unix seconds), one time for the whole load like the native
// events', so the click-id store sees the same updates; sentAt is the moment of sending.
export function segmentBatchBody(tag: string, request: number, eventsPerRequest: number, writeKey: string, eventTime: number): string {
  const timestamp = new Date(eventTime * 1000).toISOString();
  const messages = new Array<string>(eventsPerRequest);
  for (let i = 0; i < eventsPerRequest; i++) messages[i] = segmentMessageJson(`${tag}-${request}-${i}`, visitorOf(tag, request, i, eventsPerRequest), timestamp);
  return `{"batch":[${messages.join(',')}],"writeKey":"${writeKey}","sentAt":"${new Date().toISOString()}"}`;
}
