import { validateIngestEvent } from '../../validation/ingest-event.validator';
import { normalizeEvent } from '../../normalization/event.normalizer';
import { sha256Hex } from '../../normalization/sha256';
import { translateSegmentMessage, type SegmentTranslation } from './segment-message.translator';

const RECEIVED_MS = Date.parse('2026-11-30T12:00:10.000Z');
const RECEIVED = RECEIVED_MS / 1000;
const SERVER = { receivedAtMs: RECEIVED_MS, requestFromBrowser: false };

function ok(translation: SegmentTranslation) {
  if (!translation.ok) throw new Error(`rejected: ${JSON.stringify(translation.errors)}`);
  return translation;
}

// What @segment/analytics-node 3.x sends for analytics.track(...) (one element of batch[]).
const analyticsNodeTrack = {
  type: 'track',
  event: 'Order Completed',
  userId: 'user-7',
  properties: {
    order_id: 'o-1001',
    revenue: 42.5,
    currency: 'usd',
    coupon: 'WINTER',
    email: 'Ada@Example.com',
    products: [
      { product_id: 'p-1', sku: 'SKU-1', name: 'Mug', price: 12.5, quantity: 2, category: 'Kitchen', brand: 'Acme', contentType: 'product' },
      { product_id: 17, name: 'Spoon', price: 17.5 },
    ],
  },
  context: { library: { name: '@segment/analytics-node', version: '3.1.0' }, campaign: { source: 'tiktok' } },
  _metadata: { nodeVersion: 'v20.0.0', jsRuntime: 'node' },
  timestamp: '2026-11-30T12:00:00.000Z',
  integrations: {},
  messageId: 'node-next-1764504000000-abc',
};

describe('translateSegmentMessage', () => {
  it('turns an analytics-node track into the native event', () => {
    const t = ok(translateSegmentMessage(analyticsNodeTrack, { sentAt: '2026-11-30T12:00:05.000Z' }, SERVER));
    expect(t.identityOnly).toBe(false);
    expect(t.sender).toBe('server');
    expect(t.input).toEqual({
      event: 'Order Completed',
      event_id: 'node-next-1764504000000-abc',
      // received 12:00:10, sent 5 s after the event on the client's clock
      event_time: RECEIVED - 5,
      user: { email: 'Ada@Example.com', external_id: 'user-7' },
      properties: {
        order_id: 'o-1001',
        value: 42.5,
        currency: 'usd',
        coupon: 'WINTER',
        contents: [
          { product_id: 'p-1', sku: 'SKU-1', name: 'Mug', price: 12.5, quantity: 2, category: 'Kitchen', brand: 'Acme', content_type: 'product' },
          { product_id: 17, name: 'Spoon', price: 17.5 },
        ],
      },
    });
    expect(t.source).toEqual({
      format: 'segment',
      type: 'track',
      library: '@segment/analytics-node',
      unread: { context: { campaign: { source: 'tiktok' } } },
    });
  });

  it('goes through the native validation and normalization into contents, hashes and the corrected time', () => {
    const t = ok(translateSegmentMessage(analyticsNodeTrack, { sentAt: '2026-11-30T12:00:05.000Z' }, SERVER));
    const valid = validateIngestEvent(t.input);
    if (!valid.ok) throw new Error(JSON.stringify(valid.errors));
    const normalized = normalizeEvent(valid.value, { receivedAt: RECEIVED, ip: '10.0.0.1' }, { maxEventAgeSeconds: 7 * 86_400, captureIpAndUserAgent: false });
    if (!normalized.ok) throw new Error(JSON.stringify(normalized.errors));
    expect(normalized.event).toMatchObject({
      eventName: 'Order Completed',
      eventId: 'node-next-1764504000000-abc',
      eventIdSource: 'client',
      eventTime: RECEIVED - 5,
      user: { email: [sha256Hex('ada@example.com')], externalId: [sha256Hex('user-7')] },
      properties: {
        value: 42.5,
        currency: 'USD',
        orderId: 'o-1001',
        contents: [
          { contentId: 'p-1', contentName: 'Mug', contentCategory: 'Kitchen', price: 12.5, quantity: 2, brand: 'Acme', contentType: 'product' },
          { contentId: '17', contentName: 'Spoon', price: 17.5 },
        ],
        custom: { coupon: 'WINTER' },
      },
    });
    expect(normalized.event.user.ip).toBeUndefined();
  });

  it('corrects client clock skew with sentAt and clamps a future time to receipt', () => {
    // The client's clock is an hour ahead: it says the event happened 2 s before it sent it.
    const skewed = { ...analyticsNodeTrack, timestamp: '2026-11-30T13:00:00.000Z', sentAt: '2026-11-30T13:00:02.000Z' };
    expect(ok(translateSegmentMessage(skewed, {}, SERVER)).input.event_time).toBe(RECEIVED - 2);
    // RudderStack's originalTimestamp wins over timestamp.
    const rudder = { ...analyticsNodeTrack, timestamp: undefined, originalTimestamp: '2026-11-30T11:00:00.000Z', sentAt: '2026-11-30T11:00:01.000Z' };
    expect(ok(translateSegmentMessage(rudder, {}, SERVER)).input.event_time).toBe(RECEIVED - 1);
    // No sentAt: the client's time as it is, but never ahead of receipt.
    expect(ok(translateSegmentMessage({ ...analyticsNodeTrack, timestamp: '2026-11-30T11:59:00Z' }, {}, SERVER)).input.event_time).toBe(RECEIVED - 70);
    expect(ok(translateSegmentMessage({ ...analyticsNodeTrack, timestamp: '2026-12-30T00:00:00Z' }, {}, SERVER)).input.event_time).toBe(RECEIVED);
    // No time at all: receipt.
    expect(ok(translateSegmentMessage({ ...analyticsNodeTrack, timestamp: undefined }, {}, SERVER)).input.event_time).toBe(RECEIVED);
  });

  it('prefers properties.event_id / eventId over messageId', () => {
    const withId = { ...analyticsNodeTrack, properties: { event_id: 'shared-with-pixel' } };
    expect(ok(translateSegmentMessage(withId, {}, SERVER)).input.event_id).toBe('shared-with-pixel');
    const camel = { ...analyticsNodeTrack, properties: { eventId: 'camel' } };
    expect(ok(translateSegmentMessage(camel, {}, SERVER)).input.event_id).toBe('camel');
    // Without messageId, the native pipeline derives a stable id (order id or content hash).
    expect(ok(translateSegmentMessage({ ...analyticsNodeTrack, messageId: undefined }, {}, SERVER)).input.event_id).toBeUndefined();
  });

  it('reads a browser page call: page fields, ttclid from the URL, the sender is a browser', () => {
    const page = {
      type: 'page',
      anonymousId: 'anon-1',
      properties: { path: '/landing', url: 'https://shop.example/landing?ttclid=E.C.P.page', referrer: 'https://www.tiktok.com/', title: 'Landing' },
      context: {
        library: { name: 'analytics.js', version: 'npm:next-1.84.3' },
        page: { url: 'https://shop.example/landing?ttclid=E.C.P.page', search: '?ttclid=E.C.P.page' },
        userAgent: 'Mozilla/5.0 Chrome',
        locale: 'en-US',
      },
      messageId: 'ajs-next-1',
      timestamp: '2026-11-30T12:00:09.000Z',
      sentAt: '2026-11-30T12:00:09.500Z',
    };
    const t = ok(translateSegmentMessage(page, {}, { receivedAtMs: RECEIVED_MS, requestFromBrowser: true }));
    expect(t.sender).toBe('browser');
    expect(t.input).toMatchObject({
      event: 'Page Viewed',
      anonymous_id: 'anon-1',
      page: { url: 'https://shop.example/landing?ttclid=E.C.P.page', referrer: 'https://www.tiktok.com/' },
      user: { user_agent: 'Mozilla/5.0 Chrome', locale: 'en-US', ttclid: 'E.C.P.page' },
      properties: { path: '/landing', title: 'Landing' },
    });
    expect(t.input.properties).not.toHaveProperty('url');
  });

  it('takes ttclid and ttp from properties, then integrations, then context.page.search', () => {
    const base = { type: 'track', event: 'Product Viewed', anonymousId: 'a' };
    const declared = {
      ...base,
      properties: { ttclid: 'E.C.P.prop', ttp: 'ttp-prop' },
      integrations: { 'TikTok Conversions': { ttclid: 'E.C.P.int', ttp: 'ttp-int' } },
      context: { page: { url: 'https://shop.example/?ttclid=E.C.P.url' } },
    };
    expect(ok(translateSegmentMessage(declared, {}, SERVER)).input.user).toMatchObject({ ttclid: 'E.C.P.prop', ttp: 'ttp-prop' });
    const viaIntegrations = { ...declared, properties: {} };
    expect(ok(translateSegmentMessage(viaIntegrations, {}, SERVER)).input.user).toMatchObject({ ttclid: 'E.C.P.int', ttp: 'ttp-int' });
    const viaSearch = { ...base, context: { page: { url: 'https://shop.example/p', search: '?utm_source=tt&ttclid=E.C.P.search' } } };
    expect(ok(translateSegmentMessage(viaSearch, {}, SERVER)).input.user).toMatchObject({ ttclid: 'E.C.P.search' });
    const camelTtp = { ...base, properties: { _ttp: 'cookie-value' } };
    expect(ok(translateSegmentMessage(camelTtp, {}, SERVER)).input.user).toMatchObject({ ttp: 'cookie-value' });
  });

  it("reads RudderStack's camelCase orderId, contentType and shopId", () => {
    const t = ok(translateSegmentMessage({ type: 'track', userId: 'u', event: 'x', properties: { orderId: 'o', contentType: 'product_group', shopId: 's-1' } }, {}, SERVER));
    expect(t.input.properties).toEqual({ order_id: 'o', content_type: 'product_group', shop_id: 's-1' });
  });

  it('makes contents of a single-product event, and wraps a contents object', () => {
    const added = {
      type: 'track',
      event: 'Product Added',
      userId: 'u',
      properties: { product_id: 'p-9', sku: 'S9', name: 'Lamp', price: 30, quantity: 1, category: 'Home', brand: 'Lux', cart_id: 'c-1', currency: 'EUR' },
    };
    expect(ok(translateSegmentMessage(added, {}, SERVER)).input.properties).toEqual({
      cart_id: 'c-1',
      currency: 'EUR',
      contents: [{ product_id: 'p-9', sku: 'S9', name: 'Lamp', price: 30, quantity: 1, category: 'Home', brand: 'Lux' }],
    });
    const object = { type: 'track', event: 'Purchase', userId: 'u', properties: { contents: { content_id: 'c', content_type: 'product_group' } } };
    expect(ok(translateSegmentMessage(object, {}, SERVER)).input.properties?.contents).toEqual([{ content_id: 'c', content_type: 'product_group' }]);
  });

  it('reads traits from context.traits and identify traits, pre-hashed values as they are', () => {
    const hashed = sha256Hex('ada@example.com');
    const identify = {
      type: 'identify',
      userId: 'user-7',
      anonymousId: 'anon-1',
      traits: {
        email: hashed,
        phone: '+1 213 373 4253',
        firstName: 'Ada',
        lastName: 'Lovelace',
        address: { city: 'London', country: 'GB', postalCode: 'N1 9GU', street: '1 Main St' },
        plan: 'pro',
      },
      context: { library: { name: 'analytics-node' } },
    };
    const t = ok(translateSegmentMessage(identify, {}, SERVER));
    expect(t.identityOnly).toBe(true);
    expect(t.input).toMatchObject({
      event: 'identify',
      anonymous_id: 'anon-1',
      user: { email: hashed, phone: '+1 213 373 4253', first_name: 'Ada', last_name: 'Lovelace', city: 'London', country: 'GB', zip_code: 'N1 9GU', external_id: 'user-7' },
    });
    expect(t.input.properties).toBeUndefined();
    // Non-personal traits are kept with the stored event; the address (a street) is not.
    expect(t.source.unread).toEqual({ traits: { plan: 'pro' } });
  });

  it('links both ids of an alias', () => {
    const t = ok(translateSegmentMessage({ type: 'alias', userId: 'user-7', previousId: 'anon-1' }, {}, SERVER));
    expect(t.identityOnly).toBe(true);
    expect(t.input).toMatchObject({ anonymous_id: 'anon-1', user: { external_id: ['user-7', 'anon-1'] } });
  });

  it('uses the path type for single calls and the batch envelope for context and sentAt', () => {
    const t = ok(
      translateSegmentMessage(
        { event: 'Signed Up', userId: 'u', timestamp: '2026-11-30T12:00:00Z' },
        { context: { library: { name: 'analytics.js' } }, sentAt: '2026-11-30T12:00:01Z' },
        { ...SERVER, pathType: 'track' },
      ),
    );
    expect(t.sender).toBe('browser');
    expect(t.input.event_time).toBe(RECEIVED - 1);
  });

  it.each([
    [{ type: 'track', event: 'x' }, 'missing_identity', 'userId'],
    [{ type: 'jump', userId: 'u' }, 'invalid_type', 'type'],
    [{ userId: 'u', event: 'x' }, 'invalid_type', 'type'],
    [{ type: 'track', userId: 'u' }, 'missing_event', 'event'],
    [{ type: 'track', userId: 'u', event: '  ' }, 'missing_event', 'event'],
    [{ type: 'alias', userId: 'u' }, 'missing_identity', 'previousId'],
    [{ type: 'track', userId: 'u', event: 'x', messageId: 'm'.repeat(101) }, 'invalid_field', 'messageId'],
    [{ type: 'track', userId: 'u', event: 'x', messageId: 42 }, 'invalid_field', 'messageId'],
    [{ type: 'track', userId: 'u', event: 'x', timestamp: 'yesterday' }, 'invalid_event_time', 'timestamp'],
    [{ type: 'track', userId: 'u', event: 'x', timestamp: '2026-02-30T00:00:00.000Z' }, 'invalid_event_time', 'timestamp'],
    [{ type: 'track', userId: 'u', event: 'x', originalTimestamp: {} }, 'invalid_event_time', 'originalTimestamp'],
    ['not a message', 'not_an_object', '$'],
  ])('rejects %j as %s naming %s', (message, reason, field) => {
    const t = translateSegmentMessage(message, {}, SERVER);
    expect(t).toMatchObject({ ok: false, reason, errors: [{ field }] });
  });

  it('accepts a messageId of exactly 100 characters and numeric ids', () => {
    const t = ok(translateSegmentMessage({ type: 'track', userId: 42, anonymousId: 7, event: 'x', messageId: 'm'.repeat(100) }, {}, SERVER));
    expect(t.input).toMatchObject({ event_id: 'm'.repeat(100), anonymous_id: '7', user: { external_id: '42' } });
  });

  it('ignores trait values of the wrong kind instead of failing the event', () => {
    const t = ok(translateSegmentMessage({ type: 'track', userId: 'u', event: 'x', context: { traits: { email: { nested: true }, phone: 2133734253 } } }, {}, SERVER));
    expect(t.input.user).toEqual({ external_id: 'u', phone: 2133734253 });
    expect(validateIngestEvent(t.input).ok).toBe(true);
  });
});
