import { normalizeEvent } from '../../normalization/event.normalizer';
import { sha256Hex } from '../../normalization/sha256';
import { validateIngestEvent } from '../../validation/ingest-event.validator';
import { translateGa4Event } from './ga4-event.translator';

const RECEIVED_MS = Date.parse('2026-11-30T12:00:00Z');
const EMAIL_HASH = sha256Hex('ada@example.com');

const request = {
  client_id: '1234.5678',
  user_id: 'customer-7',
  timestamp_micros: String((RECEIVED_MS - 60_000) * 1000),
  user_data: {
    sha256_email_address: [EMAIL_HASH],
    sha256_phone_number: sha256Hex('+12133734253'),
    address: [{ sha256_first_name: sha256Hex('ada'), city: 'london', region: 'ldn', country: 'GB', postal_code: 'n19gu' }],
  },
  consent: { ad_user_data: 'GRANTED' },
  events: [],
};
const purchase = {
  name: 'purchase',
  params: {
    transaction_id: 'T-1',
    value: 30,
    currency: 'usd',
    coupon: 'WINTER',
    session_id: '123',
    page_location: 'https://shop.example/thanks?ttclid=E.C.P.ga4',
    items: [
      { item_id: 'sku-1', item_name: 'Mug', item_category: 'Kitchen', item_brand: 'Acme', price: 10, quantity: 2 },
      { item_id: 'sku-2', item_name: 'Spoon', price: 10 },
    ],
  },
};

describe('translateGa4Event', () => {
  it('maps a purchase with items into the native event', () => {
    const { input, source } = translateGa4Event(purchase, request, RECEIVED_MS);
    expect(input).toEqual({
      event: 'purchase',
      event_time: RECEIVED_MS - 60_000,
      anonymous_id: '1234.5678',
      user: {
        external_id: 'customer-7',
        email: [EMAIL_HASH],
        phone: sha256Hex('+12133734253'),
        first_name: sha256Hex('ada'),
        city: 'london',
        state: 'ldn',
        country: 'GB',
        zip_code: 'n19gu',
      },
      page: { url: 'https://shop.example/thanks?ttclid=E.C.P.ga4' },
      properties: { coupon: 'WINTER', value: 30, currency: 'usd', order_id: 'T-1', items: purchase.params.items },
    });
    expect(source).toEqual({ format: 'ga4', type: 'event', unread: { consent: { ad_user_data: 'GRANTED' } } });
  });

  it('normalizes like a native event: items become contents, hashes pass through, ttclid from page_location', () => {
    const { input } = translateGa4Event(purchase, request, RECEIVED_MS);
    const valid = validateIngestEvent(input);
    if (!valid.ok) throw new Error(JSON.stringify(valid.errors));
    const normalized = normalizeEvent(valid.value, { receivedAt: RECEIVED_MS / 1000 }, { maxEventAgeSeconds: 86_400, captureIpAndUserAgent: true }, 'declared-first');
    if (!normalized.ok) throw new Error(JSON.stringify(normalized.errors));
    expect(normalized.event).toMatchObject({
      eventTime: RECEIVED_MS / 1000 - 60,
      user: { email: [EMAIL_HASH], ttclid: 'E.C.P.ga4', externalId: [sha256Hex('customer-7')] },
      properties: {
        value: 30,
        currency: 'USD',
        orderId: 'T-1',
        contents: [
          { contentId: 'sku-1', contentName: 'Mug', contentCategory: 'Kitchen', brand: 'Acme', price: 10, quantity: 2 },
          { contentId: 'sku-2', contentName: 'Spoon', price: 10 },
        ],
        custom: { coupon: 'WINTER' },
      },
    });
    // A derived, retry-stable id from the transaction id, since GA4 events carry none.
    expect(normalized.event.eventIdSource).toBe('derived');
  });

  it('prefers the event timestamp, clamps future times, and reads ttclid/ttp params and ip_override', () => {
    const event = { name: 'add_to_cart', timestamp_micros: (RECEIVED_MS + 3_600_000) * 1000, params: { ttclid: 'E.C.P.p', _ttp: 't', event_id: 'e-1' } };
    const { input } = translateGa4Event(event, { client_id: 'c', ip_override: '203.0.113.9' }, RECEIVED_MS);
    expect(input).toMatchObject({ event_id: 'e-1', event_time: RECEIVED_MS, user: { ttclid: 'E.C.P.p', ttp: 't', ip: '203.0.113.9' } });
    expect(translateGa4Event({ name: 'x' }, { client_id: 'c' }, RECEIVED_MS).input.event_time).toBe(RECEIVED_MS);
  });
});
