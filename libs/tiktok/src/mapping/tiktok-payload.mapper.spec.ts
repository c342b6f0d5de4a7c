import type { NormalizedContent, NormalizedEvent } from '../../../core/src/events/normalized-event';
import { TIKTOK_KNOWN_EVENTS } from '../events/tiktok-event-names';
import { resolveTikTokEventName } from '../events/tiktok-event-name.resolver';
import { TIKTOK_MAX_EVENTS_PER_REQUEST, TikTokPayloadMapper, type MapEventOptions } from './tiktok-payload.mapper';
import type { TikTokEvent } from './tiktok-request.types';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const HASH_C = 'c'.repeat(64);
const PIXEL = 'CD9079RC77U0N3GBV16Y';
const SEND_ALL: MapEventOptions = { tiktokEventName: 'CompletePayment', sendIp: true, sendUserAgent: true };

function normalizedEvent(overrides: Partial<NormalizedEvent> = {}): NormalizedEvent {
  return {
    eventName: 'purchase',
    eventId: 'evt-1',
    eventIdSource: 'client',
    eventTime: 1_700_000_000,
    user: {},
    properties: {},
    clickIds: {},
    ...overrides,
  };
}

function fullEvent(): NormalizedEvent {
  return normalizedEvent({
    user: {
      email: [HASH_A],
      phone: [HASH_B],
      externalId: [HASH_C],
      firstName: HASH_A,
      lastName: HASH_B,
      zipCode: HASH_C,
      city: 'Berlin',
      state: 'BE',
      country: 'DE',
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      locale: 'de-DE',
      ttclid: 'E.C.P.abc123',
      ttp: '2Xo8ZcU3mO3t1QJ8pNkq',
    },
    page: { url: 'https://shop.example/checkout/done', referrer: 'https://shop.example/checkout' },
    properties: {
      value: 59.9,
      currency: 'eur',
      orderId: 'order-77',
      contents: [{ contentId: 'sku-1', contentName: 'Mug', price: 29.95, quantity: 2 }],
      query: 'mug',
      description: 'Order from the web shop',
      custom: { coupon: 'SPRING', first_order: true },
    },
    limitedDataUse: false,
  });
}

function collectEmptyObjects(value: unknown, path = '$'): string[] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Object.entries(value);
  const here = entries.length === 0 ? [path] : [];
  return here.concat(entries.flatMap(([key, child]) => collectEmptyObjects(child, `${path}.${key}`)));
}

function collectBlankValues(value: unknown, path = '$'): string[] {
  if (value === undefined || value === null || value === '') return [path];
  if (typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => collectBlankValues(child, `${path}.${key}`));
}

describe('TikTokPayloadMapper', () => {
  const mapper = new TikTokPayloadMapper();

  describe('event names through the resolver', () => {
    it.each(TIKTOK_KNOWN_EVENTS.map((name) => [name]))('sends the TikTok event %s unchanged', (name) => {
      const resolution = resolveTikTokEventName(name, undefined, 'drop');
      expect(resolution).toEqual({ name, mapped: 'default' });
      if ('dropped' in resolution) return;
      const mapped = mapper.mapEvent(normalizedEvent({ eventName: name }), { ...SEND_ALL, tiktokEventName: resolution.name });
      expect(mapped.event).toBe(name);
    });

    it.each([
      ['purchase', 'CompletePayment'],
      ['Order Completed', 'CompletePayment'],
      ['Product Added', 'AddToCart'],
      ['begin_checkout', 'InitiateCheckout'],
      ['Payment Info Entered', 'AddPaymentInfo'],
      ['view_item', 'ViewContent'],
      ['Page Viewed', 'Pageview'],
      ['Products Searched', 'Search'],
      ['sign_up', 'CompleteRegistration'],
      ['add_to_wishlist', 'AddToWishlist'],
      ['generate_lead', 'SubmitForm'],
    ])('sends the source event %s as %s', (source, target) => {
      const resolution = resolveTikTokEventName(source, undefined, 'drop');
      if ('dropped' in resolution) throw new Error(`${source} was dropped`);
      expect(mapper.mapEvent(normalizedEvent({ eventName: source }), { ...SEND_ALL, tiktokEventName: resolution.name }).event).toBe(
        target,
      );
    });

    it('sends an unmapped source name as a custom event when allowed', () => {
      const resolution = resolveTikTokEventName('Quiz Finished', undefined, 'send');
      if ('dropped' in resolution) throw new Error('dropped');
      expect(mapper.mapEvent(normalizedEvent(), { ...SEND_ALL, tiktokEventName: resolution.name }).event).toBe('Quiz Finished');
    });
  });

  describe('mapEvent', () => {
    it('maps a full event to a v1.3 data[] entry', () => {
      expect(mapper.mapEvent(fullEvent(), SEND_ALL)).toEqual({
        event: 'CompletePayment',
        event_time: 1_700_000_000,
        event_id: 'evt-1',
        user: {
          email: [HASH_A],
          phone: [HASH_B],
          external_id: [HASH_C],
          first_name: HASH_A,
          last_name: HASH_B,
          zip_code: HASH_C,
          city: 'Berlin',
          state: 'BE',
          country: 'DE',
          ttclid: 'E.C.P.abc123',
          ttp: '2Xo8ZcU3mO3t1QJ8pNkq',
          ip: '203.0.113.7',
          user_agent: 'Mozilla/5.0',
          locale: 'de-DE',
        },
        page: { url: 'https://shop.example/checkout/done', referrer: 'https://shop.example/checkout' },
        properties: {
          value: 59.9,
          currency: 'EUR',
          contents: [{ content_id: 'sku-1', content_name: 'Mug', price: 29.95, quantity: 2 }],
          content_type: 'product',
          num_items: 2,
          order_id: 'order-77',
          query: 'mug',
          description: 'Order from the web shop',
          coupon: 'SPRING',
          first_order: true,
        },
        limited_data_use: false,
      });
    });

    it('maps a minimal event to event, event_time and event_id only', () => {
      expect(mapper.mapEvent(normalizedEvent(), SEND_ALL)).toEqual({
        event: 'CompletePayment',
        event_time: 1_700_000_000,
        event_id: 'evt-1',
      });
    });

    it('omits ip and user_agent when the connector does not send them', () => {
      const mapped = mapper.mapEvent(fullEvent(), { ...SEND_ALL, sendIp: false, sendUserAgent: false });
      expect(mapped.user).not.toHaveProperty('ip');
      expect(mapped.user).not.toHaveProperty('user_agent');
      expect(mapped.user?.ttclid).toBe('E.C.P.abc123');
    });

    it('omits the user object when only ip and user_agent were known and neither is sent', () => {
      const event = normalizedEvent({ user: { ip: '203.0.113.7', userAgent: 'Mozilla/5.0' } });
      expect(mapper.mapEvent(event, { ...SEND_ALL, sendIp: false, sendUserAgent: false })).not.toHaveProperty('user');
    });

    it('sends ip without user_agent and the reverse', () => {
      const event = normalizedEvent({ user: { ip: '203.0.113.7', userAgent: 'Mozilla/5.0' } });
      expect(mapper.mapEvent(event, { ...SEND_ALL, sendUserAgent: false }).user).toEqual({ ip: '203.0.113.7' });
      expect(mapper.mapEvent(event, { ...SEND_ALL, sendIp: false }).user).toEqual({ user_agent: 'Mozilla/5.0' });
    });

    it('always sends event_id as a string', () => {
      // A stored event read back from jsonb may carry a numeric id despite the type.
      const numericId = normalizedEvent({ eventId: 12345 as unknown as string });
      expect(mapper.mapEvent(numericId, SEND_ALL).event_id).toBe('12345');
      expect(typeof mapper.mapEvent(normalizedEvent(), SEND_ALL).event_id).toBe('string');
    });

    it('sends event_time as integer seconds', () => {
      expect(mapper.mapEvent(normalizedEvent({ eventTime: 1_700_000_000.75 }), SEND_ALL).event_time).toBe(1_700_000_000);
    });

    it('sends only the page fields that exist', () => {
      expect(mapper.mapEvent(normalizedEvent({ page: { url: 'https://shop.example/' } }), SEND_ALL).page).toEqual({
        url: 'https://shop.example/',
      });
      expect(mapper.mapEvent(normalizedEvent({ page: { url: '', referrer: '  ' } }), SEND_ALL)).not.toHaveProperty('page');
    });

    it('sends limited_data_use true and false, and nothing when undefined', () => {
      expect(mapper.mapEvent(normalizedEvent({ limitedDataUse: true }), SEND_ALL).limited_data_use).toBe(true);
      expect(mapper.mapEvent(normalizedEvent({ limitedDataUse: false }), SEND_ALL).limited_data_use).toBe(false);
      expect(mapper.mapEvent(normalizedEvent(), SEND_ALL)).not.toHaveProperty('limited_data_use');
    });

    it('drops empty identifiers and repeats from the hash lists', () => {
      const event = normalizedEvent({ user: { email: [HASH_A, '', HASH_A, HASH_B], phone: [''], externalId: [] } });
      expect(mapper.mapEvent(event, SEND_ALL).user).toEqual({ email: [HASH_A, HASH_B] });
    });

    it('keeps value 0 and upper-cases the currency', () => {
      const event = normalizedEvent({ properties: { value: 0, currency: ' usd ' } });
      expect(mapper.mapEvent(event, SEND_ALL).properties).toEqual({ value: 0, currency: 'USD' });
    });

    it('drops a non-finite value', () => {
      const event = normalizedEvent({ properties: { value: Number.NaN, currency: 'USD' } });
      expect(mapper.mapEvent(event, SEND_ALL).properties).toEqual({ currency: 'USD' });
    });

    it('copies custom keys through without letting them override or add standard keys', () => {
      const event = normalizedEvent({
        properties: {
          value: 10,
          custom: {
            value: 'ten',
            currency: 'XXX',
            content_ids: [1, 2],
            num_items: 99,
            order_id: 'other',
            shop_id: 'shop-9',
            plan: 'pro',
            seats: 0,
            trial: false,
          },
        },
      });
      expect(mapper.mapEvent(event, SEND_ALL).properties).toEqual({
        value: 10,
        shop_id: 'shop-9',
        plan: 'pro',
        seats: 0,
        trial: false,
      });
    });

    it('keeps the connector-chosen content_type and defaults to product only with contents', () => {
      const group = normalizedEvent({ properties: { contentType: 'product_group', contents: [{ contentId: 'g-1' }] } });
      expect(mapper.mapEvent(group, SEND_ALL).properties?.content_type).toBe('product_group');
      expect(mapper.mapEvent(normalizedEvent({ properties: { value: 1 } }), SEND_ALL).properties).not.toHaveProperty(
        'content_type',
      );
    });
  });

  describe('products', () => {
    // What ingest builds from GA4 `items[]` ({item_id, item_name, item_category, item_brand, price, quantity}).
    const ga4Contents: NormalizedContent[] = [
      { contentId: 'SKU_12345', contentName: 'Stan and Friends Tee', contentCategory: 'Apparel', brand: 'Google', price: 10.01, quantity: 3 },
      { contentId: '98765', contentName: 'Socks', price: 4.5 },
    ];
    // What ingest builds from Segment `products[]` ({product_id | sku, name, category, brand, price, quantity}).
    const segmentContents: NormalizedContent[] = [
      { contentId: '507f1f77bcf86cd799439011', contentName: 'Monopoly', contentCategory: 'Games', brand: 'Hasbro', price: 18.99, quantity: 1 },
      { contentId: 'G-32', contentName: 'Uno', price: 3, quantity: 2 },
    ];

    it('maps GA4-shaped products to contents', () => {
      const mapped = mapper.mapEvent(normalizedEvent({ properties: { contents: ga4Contents } }), SEND_ALL);
      expect(mapped.properties).toEqual({
        contents: [
          {
            content_id: 'SKU_12345',
            content_name: 'Stan and Friends Tee',
            content_category: 'Apparel',
            brand: 'Google',
            price: 10.01,
            quantity: 3,
          },
          { content_id: '98765', content_name: 'Socks', price: 4.5, quantity: 1 },
        ],
        content_type: 'product',
        num_items: 4,
      });
    });

    it('maps Segment-shaped products to contents', () => {
      const mapped = mapper.mapEvent(normalizedEvent({ properties: { contents: segmentContents } }), SEND_ALL);
      expect(mapped.properties?.contents).toEqual([
        {
          content_id: '507f1f77bcf86cd799439011',
          content_name: 'Monopoly',
          content_category: 'Games',
          brand: 'Hasbro',
          price: 18.99,
          quantity: 1,
        },
        { content_id: 'G-32', content_name: 'Uno', price: 3, quantity: 2 },
      ]);
      expect(mapped.properties?.num_items).toBe(3);
    });

    it('always sends string content_id and positive integer quantity', () => {
      const contents = [
        { contentId: 42 as unknown as string, quantity: 2.6 },
        { contentId: 'b', quantity: 0 },
        { contentId: 'c', quantity: Number.NaN },
        { contentId: 'd', quantity: -3 },
      ];
      const mapped = mapper.mapEvent(normalizedEvent({ properties: { contents } }), SEND_ALL);
      expect(mapped.properties?.contents).toEqual([
        { content_id: '42', quantity: 3 },
        { content_id: 'b', quantity: 1 },
        { content_id: 'c', quantity: 1 },
        { content_id: 'd', quantity: 1 },
      ]);
      for (const content of mapped.properties?.contents ?? []) {
        expect(typeof content.content_id).toBe('string');
        expect(Number.isInteger(content.quantity)).toBe(true);
      }
      expect(mapped.properties?.num_items).toBe(6);
    });

    it('leaves out products that carry nothing but a quantity, and the contents key when none remain', () => {
      const mapped = mapper.mapEvent(
        normalizedEvent({ properties: { value: 5, contents: [{ quantity: 2 }, { contentId: '' }] } }),
        SEND_ALL,
      );
      expect(mapped.properties).toEqual({ value: 5 });
    });
  });

  describe('no empty values', () => {
    it('emits no empty objects and no blank values for sparse input', () => {
      const sparse = normalizedEvent({
        user: { email: [], firstName: '', city: '  ', ip: '' },
        page: {},
        properties: { currency: '', contents: [], custom: { empty: '', nothing: null, list: [], obj: {} } },
      });
      const mapped: TikTokEvent = mapper.mapEvent(sparse, SEND_ALL);
      expect(mapped).toEqual({ event: 'CompletePayment', event_time: 1_700_000_000, event_id: 'evt-1' });
    });

    it('emits no empty objects and no blank values for a full event', () => {
      const request = mapper.buildRequest([mapper.mapEvent(fullEvent(), SEND_ALL)], { pixelCode: PIXEL, testEventCode: 'TEST1' });
      expect(collectEmptyObjects(request)).toEqual([]);
      expect(collectBlankValues(request)).toEqual([]);
    });
  });

  describe('buildRequest', () => {
    const event = mapper.mapEvent(normalizedEvent(), SEND_ALL);

    it('builds a web request for the pixel without partner_name', () => {
      const request = mapper.buildRequest([event, event], { pixelCode: PIXEL });
      expect(request).toEqual({ event_source: 'web', event_source_id: PIXEL, data: [event, event] });
      expect(request).not.toHaveProperty('partner_name');
      expect(request).not.toHaveProperty('test_event_code');
    });

    it('puts test_event_code at the top level only', () => {
      const request = mapper.buildRequest([event], { pixelCode: PIXEL, testEventCode: 'TEST12345' });
      expect(request).toEqual({ event_source: 'web', event_source_id: PIXEL, test_event_code: 'TEST12345', data: [event] });
      for (const entry of request.data) expect(entry).not.toHaveProperty('test_event_code');
    });

    it('ignores a blank test_event_code', () => {
      expect(mapper.buildRequest([event], { pixelCode: PIXEL, testEventCode: ' ' })).not.toHaveProperty('test_event_code');
    });

    it('refuses to batch test events', () => {
      expect(() => mapper.buildRequest([event, event], { pixelCode: PIXEL, testEventCode: 'TEST12345' })).toThrow(RangeError);
    });

    it('refuses an empty batch and one over the TikTok limit', () => {
      expect(() => mapper.buildRequest([], { pixelCode: PIXEL })).toThrow(RangeError);
      const tooMany = Array.from({ length: TIKTOK_MAX_EVENTS_PER_REQUEST + 1 }, () => event);
      expect(() => mapper.buildRequest(tooMany, { pixelCode: PIXEL })).toThrow(RangeError);
      expect(mapper.buildRequest(tooMany.slice(1), { pixelCode: PIXEL }).data).toHaveLength(TIKTOK_MAX_EVENTS_PER_REQUEST);
    });
  });
});
