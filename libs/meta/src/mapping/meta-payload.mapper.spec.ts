import type { NormalizedEvent } from '@app/core';
import { lookupDefaultMetaEventName } from '../events/meta-event-names';
import type { MetaUserData } from '../user-data/meta-user-data';
import { META_MAX_EVENTS_PER_REQUEST, MetaPayloadMapper, type MetaMapEventOptions } from './meta-payload.mapper';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const SEND_ALL: MetaMapEventOptions = { metaEventName: 'Purchase', sendIp: true, sendUserAgent: true };
// Every key Meta documents on a server event; anything else fails the whole request.
const EVENT_KEYS = new Set([
  'event_name',
  'event_time',
  'action_source',
  'event_id',
  'event_source_url',
  'referrer_url',
  'user_data',
  'custom_data',
  'data_processing_options',
  'data_processing_options_country',
  'data_processing_options_state',
]);
const USER_DATA_KEYS = new Set(['em', 'ph', 'external_id', 'fn', 'ln', 'ct', 'st', 'zp', 'country', 'client_ip_address', 'client_user_agent', 'fbc', 'fbp']);

function normalizedEvent(overrides: Partial<NormalizedEvent> = {}): NormalizedEvent {
  return {
    eventName: 'purchase',
    eventId: 'order-1',
    eventIdSource: 'client',
    eventTime: 1_764_000_000,
    user: {},
    properties: {},
    clickIds: {},
    ...overrides,
  };
}

function fullEvent(): NormalizedEvent {
  return normalizedEvent({
    user: {
      email: ['tiktok-form'],
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      ttclid: 'E.C.P.x',
      ttp: 'ttp-1',
      fbc: 'fb.1.1763999000000.IwAR_event',
      fbp: 'fb.1.1763999000000.42',
    },
    page: { url: 'https://shop.example/thanks', referrer: 'https://shop.example/cart' },
    properties: {
      value: 59.9,
      currency: 'eur',
      orderId: 'A-77',
      contents: [
        { contentId: 'sku-1', contentName: 'Mug', price: 29.95, quantity: 2 },
        { contentId: 'sku-2', price: 0 },
        { contentName: 'no id' },
      ],
      query: 'mug',
      description: 'not a Meta key',
      custom: { coupon: 'SPRING', value: 'ten', contents: 'x', empty: '', first_order: true },
    },
    limitedDataUse: false,
  });
}

const META_USER: MetaUserData = { em: [HASH_A, HASH_A, ''], ph: [HASH_B], fn: HASH_A, country: HASH_B };

describe('MetaPayloadMapper', () => {
  const mapper = new MetaPayloadMapper();

  it('maps a full event to one Conversions API event', () => {
    expect(mapper.mapEvent(fullEvent(), META_USER, SEND_ALL)).toEqual({
      event_name: 'Purchase',
      event_time: 1_764_000_000,
      action_source: 'website',
      event_id: 'order-1',
      event_source_url: 'https://shop.example/thanks',
      referrer_url: 'https://shop.example/cart',
      user_data: {
        em: [HASH_A],
        ph: [HASH_B],
        fn: HASH_A,
        country: HASH_B,
        client_ip_address: '203.0.113.7',
        client_user_agent: 'Mozilla/5.0',
        fbc: 'fb.1.1763999000000.IwAR_event',
        fbp: 'fb.1.1763999000000.42',
      },
      custom_data: {
        value: 59.9,
        currency: 'EUR',
        contents: [
          { id: 'sku-1', quantity: 2, item_price: 29.95 },
          { id: 'sku-2', quantity: 1, item_price: 0 },
        ],
        content_ids: ['sku-1', 'sku-2'],
        content_type: 'product',
        num_items: 3,
        order_id: 'A-77',
        search_string: 'mug',
        coupon: 'SPRING',
        first_order: true,
      },
      data_processing_options: [],
    });
  });

  it('uses only documented keys on the event and in user_data, never TikTok ones', () => {
    const mapped = mapper.mapEvent(fullEvent(), META_USER, SEND_ALL);
    expect(Object.keys(mapped).filter((key) => !EVENT_KEYS.has(key))).toEqual([]);
    expect(Object.keys(mapped.user_data).filter((key) => !USER_DATA_KEYS.has(key))).toEqual([]);
  });

  it('maps a minimal event to the required keys only', () => {
    expect(mapper.mapEvent(normalizedEvent(), {}, SEND_ALL)).toEqual({
      event_name: 'Purchase',
      event_time: 1_764_000_000,
      action_source: 'website',
      event_id: 'order-1',
      user_data: {},
    });
  });

  it('sends event_time in whole seconds and event_id as a string', () => {
    const mapped = mapper.mapEvent(normalizedEvent({ eventTime: 1_764_000_000.9, eventId: 77 as unknown as string }), {}, SEND_ALL);
    expect(mapped.event_time).toBe(1_764_000_000);
    expect(mapped.event_id).toBe('77');
  });

  it('prefers the stored Meta user data, and fills raw keys from the event (a restored fbc lands there)', () => {
    const stored: MetaUserData = { client_ip_address: '198.51.100.1', fbp: 'fb.1.1.stored' };
    const event = normalizedEvent({ user: { ip: '203.0.113.7', fbc: 'fb.1.2.restored', fbp: 'fb.1.1.event' } });
    expect(mapper.mapEvent(event, stored, SEND_ALL).user_data).toEqual({
      client_ip_address: '198.51.100.1',
      fbc: 'fb.1.2.restored',
      fbp: 'fb.1.1.stored',
    });
  });

  it('leaves out ip and user agent when the connector does not send them', () => {
    const mapped = mapper.mapEvent(fullEvent(), { client_ip_address: '198.51.100.1' }, { ...SEND_ALL, sendIp: false, sendUserAgent: false });
    expect(mapped.user_data).toEqual({ fbc: 'fb.1.1763999000000.IwAR_event', fbp: 'fb.1.1763999000000.42' });
  });

  it('sends only http(s) page URLs', () => {
    const mapped = mapper.mapEvent(normalizedEvent({ page: { url: 'android-app://x', referrer: ' ' } }), {}, SEND_ALL);
    expect(mapped).not.toHaveProperty('event_source_url');
    expect(mapped).not.toHaveProperty('referrer_url');
  });

  it('keeps value 0, drops a non-finite one, and upper-cases the currency', () => {
    expect(mapper.mapEvent(normalizedEvent({ properties: { value: 0, currency: ' usd ' } }), {}, SEND_ALL).custom_data).toEqual({
      value: 0,
      currency: 'USD',
    });
    expect(mapper.mapEvent(normalizedEvent({ properties: { value: Number.NaN } }), {}, SEND_ALL)).not.toHaveProperty('custom_data');
  });

  it('sends integer quantities of at least 1 and string ids', () => {
    const contents = [
      { contentId: 42 as unknown as string, quantity: 2.6 },
      { contentId: 'b', quantity: 0 },
      { contentId: 'c', quantity: Number.NaN },
    ];
    expect(mapper.mapEvent(normalizedEvent({ properties: { contents } }), {}, SEND_ALL).custom_data?.contents).toEqual([
      { id: '42', quantity: 3 },
      { id: 'b', quantity: 1 },
      { id: 'c', quantity: 1 },
    ]);
  });

  it('turns limited data use into Meta LDU with geolocation, and says "not LDU" explicitly', () => {
    expect(mapper.mapEvent(normalizedEvent({ limitedDataUse: true }), {}, SEND_ALL)).toMatchObject({
      data_processing_options: ['LDU'],
      data_processing_options_country: 0,
      data_processing_options_state: 0,
    });
    expect(mapper.mapEvent(normalizedEvent({ limitedDataUse: false }), {}, SEND_ALL).data_processing_options).toEqual([]);
    expect(mapper.mapEvent(normalizedEvent(), {}, SEND_ALL)).not.toHaveProperty('data_processing_options');
  });

  it('maps names through the default table', () => {
    const name = lookupDefaultMetaEventName('Order Completed') as string;
    expect(mapper.mapEvent(normalizedEvent(), {}, { ...SEND_ALL, metaEventName: name }).event_name).toBe('Purchase');
  });

  describe('buildRequest', () => {
    const event = mapper.mapEvent(normalizedEvent(), {}, SEND_ALL);

    it('puts test_event_code at the top level only, and batches test events too', () => {
      const request = mapper.buildRequest([event, event], { testEventCode: ' TEST123 ' });
      expect(request).toEqual({ data: [event, event], test_event_code: 'TEST123' });
      expect(request.data[0]).not.toHaveProperty('test_event_code');
      expect(mapper.buildRequest([event], { testEventCode: ' ' })).toEqual({ data: [event] });
    });

    it('holds 1 to 1000 events', () => {
      expect(() => mapper.buildRequest([])).toThrow(RangeError);
      const most = Array.from({ length: META_MAX_EVENTS_PER_REQUEST }, () => event);
      expect(mapper.buildRequest(most).data).toHaveLength(1000);
      expect(() => mapper.buildRequest([...most, event])).toThrow(RangeError);
    });
  });
});
