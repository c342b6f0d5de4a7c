import type { IngestEventInput } from '../validation/ingest-event.input';
import { canonicalJson, resolveEventId } from './event-id.deriver';

const NOW = 1_764_000_000;

describe('resolveEventId', () => {
  it('keeps the client event_id, trimmed, and turns numbers into text', () => {
    expect(resolveEventId({ event: 'purchase', event_id: ' order-1001 ' }, 'purchase', NOW)).toEqual({
      eventId: 'order-1001',
      source: 'client',
    });
    expect(resolveEventId({ event: 'purchase', event_id: 1001 }, 'purchase', NOW)).toEqual({ eventId: '1001', source: 'client' });
  });

  it('derives an id when event_id is absent, null or blank', () => {
    for (const event_id of [undefined, null, '', '  ']) {
      expect(resolveEventId({ event: 'purchase', event_id }, 'purchase', NOW)).toEqual({
        eventId: expect.stringMatching(/^d_[0-9a-f]{32}$/),
        source: 'derived',
      });
    }
  });

  describe('with an order id', () => {
    const purchase = (orderId: string | number, extra: Partial<IngestEventInput> = {}) =>
      resolveEventId({ event: 'purchase', properties: { order_id: orderId, value: 10 }, ...extra }, 'purchase', NOW).eventId;

    it('is stable across retries, even when other fields differ', () => {
      expect(purchase('A-1')).toBe(purchase('A-1', { event_time: NOW - 5, page: { url: 'https://x.example/thanks' } }));
      expect(purchase(1001)).toBe(purchase('1001'));
      expect(purchase(' A-1 ')).toBe(purchase('A-1'));
    });

    it('differs between orders and between event names of the same order', () => {
      expect(purchase('A-1')).not.toBe(purchase('A-2'));
      const checkout = resolveEventId({ event: 'begin_checkout', properties: { order_id: 'A-1' } }, 'begin_checkout', NOW).eventId;
      expect(checkout).not.toBe(purchase('A-1'));
    });
  });

  describe('without an order id', () => {
    const base: IngestEventInput = {
      event: 'add_to_cart',
      event_time: NOW - 30,
      anonymous_id: 'v-42',
      user: { email: 'a@example.com' },
      page: { url: 'https://shop.example/p/1' },
      properties: { value: 12, currency: 'EUR', contents: [{ content_id: 'sku-1', quantity: 1 }] },
    };
    const id = (input: IngestEventInput, receivedAt = NOW) => resolveEventId(input, input.event, receivedAt).eventId;

    it('is stable for a retry of the same content, whatever the key order and receipt time', () => {
      const reordered: IngestEventInput = {
        properties: { contents: [{ quantity: 1, content_id: 'sku-1' }], currency: 'EUR', value: 12 },
        page: { url: 'https://shop.example/p/1' },
        user: { email: 'a@example.com' },
        anonymous_id: 'v-42',
        event_time: NOW - 30,
        event: 'add_to_cart',
      };
      expect(id(reordered, NOW + 120)).toBe(id(base));
    });

    it('ignores fields that do not identify the source event (ip, user agent, cookies)', () => {
      expect(id({ ...base, user: { ...base.user, ip: '203.0.113.1' }, cookies: { _ttp: 'x' } })).toBe(id(base));
    });

    it('changes with any identifying field', () => {
      const ids = new Set([
        id(base),
        id({ ...base, event: 'view_item' }),
        id({ ...base, event_time: NOW - 31 }),
        id({ ...base, anonymous_id: 'v-43' }),
        id({ ...base, user: { email: 'b@example.com' } }),
        id({ ...base, user: { ...base.user, external_id: 7 } }),
        id({ ...base, page: { url: 'https://shop.example/p/2' } }),
        id({ ...base, properties: { ...base.properties, value: 13 } }),
        id({ ...base, properties: { ...base.properties, contents: [{ content_id: 'sku-1', quantity: 2 }] } }),
      ]);
      expect(ids.size).toBe(9);
    });

    it('uses the receipt second when event_time is absent, so separate events are not merged', () => {
      const untimed: IngestEventInput = { ...base, event_time: undefined };
      expect(id(untimed, NOW)).toBe(id(untimed, NOW));
      expect(id(untimed, NOW)).not.toBe(id(untimed, NOW + 1));
    });
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops null and undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: null }], c: 'x' }, e: undefined })).toBe('{"a":{"c":"x","d":[1,{"z":1}]},"b":1}');
    expect(canonicalJson([undefined, null, 'a'])).toBe('[null,null,"a"]');
    expect(canonicalJson('q"uote')).toBe('"q\\"uote"');
  });
});
