import { INGEST_EVENT_LIMITS, validateIngestEvent } from './ingest-event.validator';

function errorsOf(input: unknown) {
  const result = validateIngestEvent(input);
  if (result.ok) throw new Error('expected a rejection');
  return result;
}

describe('validateIngestEvent', () => {
  it('accepts the docs/api.md example event and returns it as is', () => {
    const input = {
      event: 'purchase',
      event_id: 'order-1001',
      event_time: 1764000000,
      anonymous_id: 'v-42',
      user: {
        email: 'a@example.com',
        phone: '+12133734253',
        external_id: 'u-1',
        ip: '203.0.113.5',
        user_agent: 'Mozilla/5.0',
        locale: 'en-US',
        ttclid: 'E.C.P.x',
        ttp: 'ttp',
        first_name: 'A',
        last_name: 'B',
        city: 'C',
        state: 'D',
        country: 'US',
        zip_code: '94107',
      },
      page: { url: 'https://shop.example/?ttclid=E.C.P.x', referrer: 'https://google.com/' },
      properties: {
        value: 42.5,
        currency: 'USD',
        order_id: 'o-1',
        content_type: 'product',
        contents: [{ content_id: 'sku', content_name: 'n', content_category: 'c', price: 1, quantity: 2, brand: 'b' }],
        query: 'q',
        description: 'd',
        anything: { nested: [1, 'two'] },
      },
      cookies: { _ttp: 'ttp', ttclid: 'E.C.P.x', other: 5 },
      limited_data_use: false,
    };
    const result = validateIngestEvent(input);
    expect(result).toEqual({ ok: true, value: input });
    expect(result.ok && result.value).toBe(input);
  });

  it('accepts the loose forms docs/api.md allows: numeric ids and phones, ms and ISO times, numeric strings, nulls', () => {
    expect(
      validateIngestEvent({
        event: 'x',
        event_id: 1001,
        event_time: '2025-11-24T16:00:00+01:00',
        user: { email: ['a@example.com', 'b@example.com'], phone: 12133734253, external_id: [7, 'x'], zip_code: 94107, city: null },
        page: null,
        properties: { value: '12.50', currency: 'eur', order_id: 1001, contents: [{ content_id: 7, price: '3', quantity: '2' }] },
        cookies: null,
        limited_data_use: null,
        anonymous_id: null,
      }).ok,
    ).toBe(true);
    expect(validateIngestEvent({ event: 'x', event_time: 1764000000000 }).ok).toBe(true);
  });

  it('requires the event name, with the message of docs/api.md', () => {
    expect(validateIngestEvent({})).toEqual({ ok: false, reason: 'missing_event', errors: [{ field: 'event', message: 'is required' }] });
    expect(errorsOf({ event: null }).errors).toEqual([{ field: 'event', message: 'is required' }]);
    expect(errorsOf({ event: '  ' })).toEqual({
      ok: false,
      reason: 'missing_event',
      errors: [{ field: 'event', message: 'must not be empty' }],
    });
    expect(errorsOf({ event: 5 })).toEqual({ ok: false, reason: 'invalid_field', errors: [{ field: 'event', message: 'must be a string' }] });
    expect(errorsOf({ event: 'e'.repeat(101) }).errors).toEqual([{ field: 'event', message: 'must be at most 100 characters' }]);
    expect(validateIngestEvent({ event: 'e'.repeat(100) }).ok).toBe(true);
  });

  it('refuses what is not an event object', () => {
    for (const input of [null, 'purchase', 42, [], [{ event: 'x' }]]) {
      expect(validateIngestEvent(input)).toEqual({
        ok: false,
        reason: 'not_an_object',
        errors: [{ field: '$', message: 'must be an event object' }],
      });
    }
  });

  it("accepts Meta's _fbc and _fbp cookies and user.fbc/user.fbp as strings up to 1024 characters", () => {
    const fbc = 'fb.1.1764000000000.IwAR';
    expect(validateIngestEvent({ event: 'x', cookies: { _fbc: fbc, _fbp: 'fb.1.1.2' }, user: { fbc, fbp: 'fb.1.1.2' } }).ok).toBe(true);
    expect(errorsOf({ event: 'x', cookies: { _fbc: 5, _fbp: 'x'.repeat(1025) }, user: { fbc: ['a'], fbp: {} } }).errors).toEqual([
      { field: 'user.fbc', message: 'must be a string' },
      { field: 'user.fbp', message: 'must be a string' },
      { field: 'cookies._fbc', message: 'must be a string' },
      { field: 'cookies._fbp', message: 'must be at most 1024 characters' },
    ]);
  });

  it('collects every problem of the event with its exact path', () => {
    const result = errorsOf({
      event_id: { id: 1 },
      event_time: true,
      anonymous_id: 7,
      user: { email: 5, phone: ['+12133734253', false], external_id: 12.5e300, ip: 1, zip_code: {}, first_name: ['A'] },
      page: { url: 42 },
      properties: {
        value: '12,50',
        currency: 'EURO',
        contents: [{ content_id: 'ok', quantity: 1 }, { content_id: 'a', quantity: 1.5, price: 'free' }, 'sku-3'],
      },
      cookies: { _ttp: 1 },
      limited_data_use: 'no',
    });
    expect(result.reason).toBe('missing_event');
    expect(result.errors).toEqual([
      { field: 'event', message: 'is required' },
      { field: 'event_id', message: 'must be a string or a number' },
      { field: 'event_time', message: 'must be Unix seconds, Unix milliseconds or an ISO 8601 string' },
      { field: 'anonymous_id', message: 'must be a string' },
      { field: 'limited_data_use', message: 'must be true or false' },
      { field: 'user.email', message: 'must be a string' },
      { field: 'user.phone[1]', message: 'must be a string or a number' },
      { field: 'user.external_id', message: 'must be a string: this number is too large to keep all its digits' },
      { field: 'user.ip', message: 'must be a string' },
      { field: 'user.first_name', message: 'must be a string' },
      { field: 'user.zip_code', message: 'must be a string or a number' },
      { field: 'page.url', message: 'must be a string' },
      { field: 'cookies._ttp', message: 'must be a string' },
      { field: 'properties.value', message: 'must be a number or a numeric string' },
      { field: 'properties.currency', message: 'must be a 3-letter ISO 4217 code such as "USD"' },
      { field: 'properties.contents[1].price', message: 'must be a number or a numeric string' },
      { field: 'properties.contents[1].quantity', message: 'must be a whole number of 0 or more' },
      { field: 'properties.contents[2]', message: 'must be an object' },
    ]);
  });

  it('reports wrong container types by their own name', () => {
    expect(errorsOf({ event: 'x', user: 'a@example.com', page: [], properties: 5, cookies: 'a=b' })).toEqual({
      ok: false,
      reason: 'invalid_field',
      errors: [
        { field: 'user', message: 'must be an object' },
        { field: 'page', message: 'must be an object' },
        { field: 'cookies', message: 'must be an object' },
        { field: 'properties', message: 'must be an object' },
      ],
    });
    expect(errorsOf({ event: 'x', properties: { contents: { content_id: 'a' } } }).errors).toEqual([
      { field: 'properties.contents', message: 'must be an array of objects' },
    ]);
  });

  it('enforces the size limits', () => {
    expect(errorsOf({ event: 'x', event_id: 'i'.repeat(129) }).errors).toEqual([
      { field: 'event_id', message: 'must be at most 128 characters' },
    ]);
    expect(validateIngestEvent({ event: 'x', event_id: ` ${'i'.repeat(128)} ` }).ok).toBe(true);
    expect(errorsOf({ event: 'x', anonymous_id: 'a'.repeat(257) }).errors).toEqual([
      { field: 'anonymous_id', message: 'must be at most 256 characters' },
    ]);
    expect(errorsOf({ event: 'x', properties: { contents: Array.from({ length: 201 }, () => ({ content_id: 'a' })) } }).errors).toEqual([
      { field: 'properties.contents', message: 'must hold at most 200 items' },
    ]);
    expect(validateIngestEvent({ event: 'x', properties: { contents: Array.from({ length: 200 }, () => ({ content_id: 'a' })) } }).ok).toBe(
      true,
    );
    expect(errorsOf({ event: 'x', user: { email: Array.from({ length: 11 }, () => 'a@b.c') } }).errors).toEqual([
      { field: 'user.email', message: 'must hold at most 10 values' },
    ]);
    expect(errorsOf({ event: 'x', page: { referrer: 'r'.repeat(8193) } }).errors).toEqual([
      { field: 'page.referrer', message: 'must be at most 8192 characters' },
    ]);
  });

  it('refuses numeric ids that JSON has already rounded', () => {
    expect(errorsOf({ event: 'x', event_id: 12345678901234567890 }).errors).toEqual([
      { field: 'event_id', message: 'must be a string: this number is too large to keep all its digits' },
    ]);
    expect(validateIngestEvent({ event: 'x', event_id: Number.MAX_SAFE_INTEGER }).ok).toBe(true);
  });

  it('checks the GA4 and Segment product lists under their own path, and content_ids only without a list', () => {
    expect(errorsOf({ event: 'x', properties: { items: [{ item_id: {}, quantity: -1 }] } }).errors).toEqual([
      { field: 'properties.items[0].item_id', message: 'must be a string or a number' },
      { field: 'properties.items[0].quantity', message: 'must be a whole number of 0 or more' },
    ]);
    expect(errorsOf({ event: 'x', properties: { products: [{ price: 'n/a' }] } }).errors).toEqual([
      { field: 'properties.products[0].price', message: 'must be a number or a numeric string' },
    ]);
    expect(errorsOf({ event: 'x', properties: { content_ids: ['a', null] } }).errors).toEqual([
      { field: 'properties.content_ids[1]', message: 'must be a string or a number' },
    ]);
    expect(errorsOf({ event: 'x', properties: { content_ids: 'a,b' } }).errors).toEqual([
      { field: 'properties.content_ids', message: 'must be an array of strings' },
    ]);
    // Once contents exist, items and content_ids are not read and so not judged.
    expect(validateIngestEvent({ event: 'x', properties: { contents: [], items: 'whatever', content_ids: 5 } }).ok).toBe(true);
  });

  it('leaves custom properties and unknown top-level keys alone', () => {
    expect(validateIngestEvent({ event: 'x', context: { library: 'y' }, properties: { value: 1, weird: [null, { a: NaN }] } }).ok).toBe(true);
  });

  it.each([
    ['event', { event: 'purchase\u0000' }, 'event', 'invalid_text'],
    ['event_id', { event: 'x', event_id: 'id\u0000' }, 'event_id', 'invalid_text'],
    ['anonymous_id', { event: 'x', anonymous_id: '\uD800v' }, 'anonymous_id', 'invalid_text'],
    ['a property key', { event: 'x', properties: { 'k\u0000': 1 } }, 'properties["k\\u0000"]', 'invalid_text'],
    ['page.url', { event: 'x', page: { url: 'https://a.example/\u0000' } }, 'page.url', 'invalid_text'],
    ['a custom string', { event: 'x', properties: { note: 'x'.repeat(8193) } }, 'properties.note', 'too_large'],
  ])('rejects text that cannot be stored or is too long in %s', (_label, input, field, reason) => {
    expect(errorsOf(input)).toMatchObject({ reason, errors: [{ field }] });
  });

  it('rejects nesting beyond the limit before anything else walks the event', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    const result = errorsOf({ event: 'x', properties: { deep } });
    expect(result.reason).toBe('too_deep');
    expect(result.errors[0].field).toMatch(/^properties\.deep(\.d)+$/);
    expect(result.errors[0].field.split('.')).toHaveLength(INGEST_EVENT_LIMITS.maxDepth);
  });

  it('rejects too wide an object and too large an event', () => {
    const wide = Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`k${i}`, i]));
    expect(errorsOf({ event: 'x', properties: wide })).toMatchObject({ reason: 'too_large', errors: [{ field: 'properties' }] });
    const big = { event: 'x', properties: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'v'.repeat(8000)])) };
    expect(errorsOf(big)).toMatchObject({ reason: 'too_large', errors: [{ field: '$', message: 'is larger than 65536 characters of JSON' }] });
  });
});
