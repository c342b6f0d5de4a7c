import type { IngestEventInput } from '../validation/ingest-event.input';
import { normalizeEvent, type NormalizationSettings } from './event.normalizer';
import type { RequestContext } from './request-context';
import { sha256Hex } from './sha256';

const NOW = 1_764_000_000;
const ctx: RequestContext = { ip: '198.51.100.7', userAgent: 'Mozilla/5.0 (request)', receivedAt: NOW };
const settings: NormalizationSettings = { maxEventAgeSeconds: 7 * 86_400, captureIpAndUserAgent: true };

function accepted(raw: IngestEventInput, context: RequestContext = ctx, options: NormalizationSettings = settings) {
  const result = normalizeEvent(raw, context, options);
  if (!result.ok) throw new Error(`rejected: ${JSON.stringify(result)}`);
  return result;
}

describe('normalizeEvent', () => {
  it('normalizes the docs/api.md example event completely', () => {
    const result = accepted({
      event: ' purchase ',
      event_id: 'order-1001',
      event_time: (NOW - 60) * 1000,
      anonymous_id: ' v-42 ',
      user: {
        email: ' Alice@Example.com ',
        phone: '+1 (213) 373-4253',
        external_id: 42,
        ip: '203.0.113.5',
        user_agent: 'Mozilla/5.0 (visitor)',
        locale: 'en_US',
        first_name: 'Alice',
        last_name: 'Smith ',
        city: 'San Francisco',
        state: 'CA',
        country: 'US',
        zip_code: '94107',
      },
      page: { url: 'https://shop.example/thanks?ttclid=E.C.P.url', referrer: 'https://shop.example/checkout' },
      properties: {
        value: '42.50',
        currency: 'eur',
        order_id: 1001,
        content_type: 'product',
        contents: [{ content_id: 7, content_name: 'Mug', content_category: 'Kitchen', price: '12.5', quantity: '2', brand: 'Acme' }],
        query: 'mug',
        description: 'Order 1001',
        coupon: 'WELCOME',
        num_items: 2,
      },
      cookies: { _ttp: 'ttp-cookie', ttclid: 'E.C.P.cookie' },
      limited_data_use: false,
    });

    expect(result.warnings).toEqual([]);
    expect(result.event).toStrictEqual({
      eventName: 'purchase',
      eventId: 'order-1001',
      eventIdSource: 'client',
      eventTime: NOW - 60,
      anonymousId: 'v-42',
      user: {
        email: [sha256Hex('alice@example.com')],
        phone: [sha256Hex('+12133734253')],
        externalId: [sha256Hex('42')],
        firstName: sha256Hex('alice'),
        lastName: sha256Hex('smith'),
        zipCode: sha256Hex('94107'),
        city: 'sanfrancisco',
        state: 'ca',
        country: 'us',
        locale: 'en-US',
        ip: '203.0.113.5',
        userAgent: 'Mozilla/5.0 (visitor)',
        ttclid: 'E.C.P.url',
        ttp: 'ttp-cookie',
      },
      page: { url: 'https://shop.example/thanks?ttclid=E.C.P.url', referrer: 'https://shop.example/checkout' },
      properties: {
        value: 42.5,
        currency: 'EUR',
        orderId: '1001',
        contentType: 'product',
        query: 'mug',
        description: 'Order 1001',
        contents: [{ contentId: '7', contentName: 'Mug', contentCategory: 'Kitchen', price: 12.5, quantity: 2, brand: 'Acme' }],
        custom: { coupon: 'WELCOME', num_items: 2 },
      },
      limitedDataUse: false,
      clickIds: { ttclidSource: 'url', ttpSource: 'cookie' },
      clickIdsByKind: { ttclid: { value: 'E.C.P.url', source: 'url' }, ttp: { value: 'ttp-cookie', source: 'cookie' } },
    });
  });

  it('fills a minimal event from the request: time, IP, user agent and a derived id', () => {
    const { event, warnings } = accepted({ event: 'page_view' });
    expect(warnings).toEqual([]);
    expect(event).toStrictEqual({
      eventName: 'page_view',
      eventId: expect.stringMatching(/^d_[0-9a-f]{32}$/),
      eventIdSource: 'derived',
      eventTime: NOW,
      user: { ip: '198.51.100.7', userAgent: 'Mozilla/5.0 (request)' },
      properties: {},
      clickIds: {},
    });
  });

  it('does not take the request IP and user agent when the workspace turned that off', () => {
    const { event } = accepted({ event: 'page_view' }, ctx, { ...settings, captureIpAndUserAgent: false });
    expect(event.user).toEqual({});
  });

  it('prefers the event own IP and user agent, and drops a bad IP without using the request one', () => {
    expect(accepted({ event: 'x', user: { ip: '::ffff:203.0.113.5' } }).event.user).toEqual({
      ip: '203.0.113.5',
      userAgent: 'Mozilla/5.0 (request)',
    });
    const { event, warnings } = accepted({ event: 'x', user: { ip: 'my-server', user_agent: 'curl/8' } });
    expect(event.user).toEqual({ userAgent: 'curl/8' });
    expect(warnings).toEqual([{ field: 'user.ip', message: expect.stringContaining('dropped') }]);
    expect(accepted({ event: 'x', user: { ip: '  ', user_agent: '' } }).event.user).toEqual({
      ip: '198.51.100.7',
      userAgent: 'Mozilla/5.0 (request)',
    });
  });

  it('drops unusable identifiers with warnings and keeps the event', () => {
    const { event, warnings } = accepted({
      event: 'lead',
      user: { email: ['bob@example.com', 'nope', '', 'BOB@example.com'], phone: '12345', external_id: ' ' },
    });
    expect(event.user.email).toEqual([sha256Hex('bob@example.com')]);
    expect(event.user.phone).toBeUndefined();
    expect(event.user.externalId).toBeUndefined();
    expect(warnings).toEqual([
      { field: 'user.email[1]', message: expect.any(String) },
      { field: 'user.phone', message: expect.any(String) },
    ]);
  });

  it('reads national phone numbers with the workspace default country and passes hashes through', () => {
    const hash = sha256Hex('someone');
    const { event } = accepted(
      { event: 'lead', user: { phone: ['(213) 373-4253', '+86 138 0000 0000'], email: hash.toUpperCase() } },
      ctx,
      { ...settings, defaultCountry: 'us' },
    );
    expect(event.user.phone).toEqual([sha256Hex('+12133734253'), sha256Hex('13800000000')]);
    expect(event.user.email).toEqual([hash]);
  });

  it('rejects events outside the accepted time range with the reason and field', () => {
    expect(normalizeEvent({ event: 'x', event_time: NOW - 8 * 86_400 }, ctx, settings)).toEqual({
      ok: false,
      reason: 'event_too_old',
      errors: [{ field: 'event_time', message: expect.any(String) }],
    });
    expect(normalizeEvent({ event: 'x', event_time: NOW - 3 * 86_400 }, ctx, { ...settings, maxEventAgeSeconds: 86_400 })).toMatchObject({
      ok: false,
      reason: 'event_too_old',
    });
    expect(normalizeEvent({ event: 'x', event_time: NOW + 3600 }, ctx, settings)).toMatchObject({ ok: false, reason: 'event_in_future' });
    expect(normalizeEvent({ event: 'x', event_time: 'soon' }, ctx, settings)).toMatchObject({ ok: false, reason: 'invalid_event_time' });
  });

  it('reads ISO event times with their offset', () => {
    expect(accepted({ event: 'x', event_time: '2025-11-24T17:00:00+01:00' }).event.eventTime).toBe(NOW);
  });

  it('maps GA4 items and Segment products to contents, TikTok keys winning', () => {
    expect(
      accepted({
        event: 'add_to_cart',
        properties: {
          items: [
            { item_id: 'SKU-1', item_name: 'Mug', item_category: 'Kitchen', item_brand: 'Acme', price: 5, quantity: 1 },
            { content_id: 'SKU-2', item_id: 'ignored', sku: 'ignored' },
            { unrelated: true },
          ],
        },
      }).event.properties,
    ).toStrictEqual({
      contents: [
        { contentId: 'SKU-1', contentName: 'Mug', contentCategory: 'Kitchen', brand: 'Acme', price: 5, quantity: 1 },
        { contentId: 'SKU-2' },
      ],
    });
    expect(
      accepted({ event: 'x', properties: { products: [{ product_id: 9, name: 'Cap', category: 'Hats', brand: 'B' }] } }).event.properties,
    ).toStrictEqual({ contents: [{ contentId: '9', contentName: 'Cap', contentCategory: 'Hats', brand: 'B' }] });
  });

  it('uses content_ids only without a product list, and never forwards the lists as custom properties', () => {
    expect(accepted({ event: 'x', properties: { content_ids: ['a', 2, ' '] } }).event.properties).toStrictEqual({
      contents: [{ contentId: 'a' }, { contentId: '2' }],
    });
    expect(
      accepted({ event: 'x', properties: { contents: [{ content_id: 'c' }], items: [{ item_id: 'i' }], content_ids: ['x'] } }).event
        .properties,
    ).toStrictEqual({ contents: [{ contentId: 'c' }] });
  });

  it('keeps unknown property keys as custom, skipping null values and __proto__', () => {
    const properties = JSON.parse('{"plan":"pro","seats":3,"empty":null,"__proto__":{"polluted":true}}') as IngestEventInput['properties'];
    const { event } = accepted({ event: 'subscribe', properties });
    expect(event.properties).toStrictEqual({ custom: { plan: 'pro', seats: 3 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(event.properties.custom)).toBe(Object.prototype);
  });

  it('records where each click id came from', () => {
    expect(
      accepted({
        event: 'x',
        page: { url: 'https://shop.example/b', referrer: 'https://shop.example/a?ttclid=E.C.P.ref' },
        user: { ttp: 'ttp-user' },
      }).event,
    ).toMatchObject({ user: { ttclid: 'E.C.P.ref', ttp: 'ttp-user' }, clickIds: { ttclidSource: 'referrer', ttpSource: 'user' } });
    expect(accepted({ event: 'x', user: { ttclid: 'E.C.P.user' } }).event.clickIds).toEqual({ ttclidSource: 'user' });
  });

  it("keeps Meta's fbc and fbp raw in the user, with where they came from, and leaves TikTok's fields alone", () => {
    const fbc = 'fb.1.1764000000000.IwAR_MixedCase';
    const { event } = accepted({ event: 'x', cookies: { _fbc: fbc, _fbp: 'fb.1.1764000000000.987654321', _ttp: 'ttp-1' }, user: { fbc: 'fb.1.1.user' } });
    expect(event.user).toMatchObject({ fbc, fbp: 'fb.1.1764000000000.987654321', ttp: 'ttp-1' });
    expect(event.clickIds).toEqual({ ttpSource: 'cookie', fbcSource: 'cookie', fbpSource: 'cookie' });
    expect(accepted({ event: 'x', user: { fbp: 'fb.1.2.3' } }).event).toMatchObject({ user: { fbp: 'fb.1.2.3' }, clickIds: { fbpSource: 'user' } });
    expect(accepted({ event: 'x', cookies: { _fbc: ' ', _fbp: '' } }).event.user).not.toHaveProperty('fbc');
  });

  it('derives the same id for a retried order without event_id', () => {
    const first = accepted({ event: 'purchase', properties: { order_id: 'A-1', value: 10 } }).event;
    const retry = accepted({ event: 'purchase', properties: { order_id: 'A-1', value: 10 } }, { ...ctx, receivedAt: NOW + 30 }).event;
    expect(first.eventIdSource).toBe('derived');
    expect(retry.eventId).toBe(first.eventId);
  });

  it('omits empty strings everywhere rather than sending or hashing them', () => {
    const { event } = accepted(
      {
        event: 'x',
        anonymous_id: ' ',
        user: { email: '', first_name: ' ', city: '', locale: '' },
        page: { url: '', referrer: ' ' },
        properties: { currency: ' ', order_id: '', query: '' },
        cookies: { _ttp: '', ttclid: ' ' },
      },
      ctx,
      { ...settings, captureIpAndUserAgent: false },
    );
    expect(event).toStrictEqual({
      eventName: 'x',
      eventId: expect.any(String),
      eventIdSource: 'derived',
      eventTime: NOW,
      user: {},
      properties: {},
      clickIds: {},
    });
  });
});
