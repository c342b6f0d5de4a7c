import { TikTokCode } from './tiktok-code.enum';
import { isSha256Hex, readTrackEnvelope, validateTrackRequest } from './track-request.validator';

const HASH = 'a'.repeat(64);
const UPPER_HASH = 'ABCDEF0123456789'.repeat(4);

function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { event: 'CompletePayment', event_time: 1_700_000_000, event_id: 'evt-1', ...overrides };
}

function request(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { event_source: 'web', event_source_id: 'CD9079RC77U0N3GBV16Y', data: [event()], ...overrides };
}

function withEvent(overrides: Record<string, unknown>): Record<string, unknown> {
  return request({ data: [event(overrides)] });
}

function expectFailure(body: unknown, code: TikTokCode, messagePart: string): void {
  const result = validateTrackRequest(body);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.code).toBe(code);
  expect(result.message).toContain(messagePart);
}

describe('validateTrackRequest', () => {
  it('accepts a minimal request', () => {
    expect(validateTrackRequest(request())).toEqual({ ok: true });
  });

  it('accepts a full, correctly shaped event and ignores unknown fields', () => {
    const body = request({
      test_event_code: 'TEST123',
      partner_name: '',
      some_future_field: { nested: true },
      data: [
        event({
          user: {
            email: HASH,
            phone: [HASH, UPPER_HASH],
            external_id: HASH,
            ttclid: 'E.C.P.abc123',
            ttp: '2Xo8ZcU3mO3t1QJ8pNkq',
            ip: '203.0.113.7',
            user_agent: 'Mozilla/5.0',
            locale: 'en-US',
          },
          page: { url: 'https://shop.example/checkout', referrer: 'https://shop.example/cart' },
          properties: {
            value: 42.5,
            currency: 'EUR',
            contents: [{ content_id: 'sku-1', quantity: 2, price: 21.25 }, { content_name: 'no id' }],
            content_ids: ['sku-1'],
            custom_key: 7,
          },
          limited_data_use: false,
          unknown: 'ignored',
        }),
      ],
    });
    expect(validateTrackRequest(body)).toEqual({ ok: true });
  });

  it.each(['web', 'app', 'offline', 'crm'])('accepts event_source %s', (source) => {
    expect(validateTrackRequest(request({ event_source: source })).ok).toBe(true);
  });

  describe('top level', () => {
    it.each([null, 'text', 42, [request()]])('rejects a body that is not an object (%p)', (body) => {
      expectFailure(body, TikTokCode.InvalidParameter, 'JSON object');
    });

    it('requires event_source', () => {
      expectFailure(request({ event_source: undefined }), TikTokCode.InvalidParameter, 'event_source is required');
    });

    it.each(['pixel', 'WEB', 1])('rejects event_source %p', (source) => {
      expectFailure(request({ event_source: source }), TikTokCode.InvalidParameter, 'event_source must be one of');
    });

    it('requires event_source_id', () => {
      expectFailure(request({ event_source_id: undefined }), TikTokCode.InvalidParameter, 'event_source_id is required');
      expectFailure(request({ event_source_id: '' }), TikTokCode.InvalidParameter, 'event_source_id is required');
    });

    it('requires event_source_id to be a string', () => {
      expectFailure(request({ event_source_id: 123 }), TikTokCode.InvalidParameter, 'event_source_id is not a valid string');
    });

    it('requires test_event_code to be a string', () => {
      expectFailure(request({ test_event_code: 5 }), TikTokCode.InvalidParameter, 'test_event_code is not a valid string');
    });

    it('rejects any non-empty partner_name with 40063', () => {
      expectFailure(request({ partner_name: 'TrackLayer' }), TikTokCode.PartnerNotRegistered, 'TrackLayer');
    });

    it('accepts an empty or null partner_name', () => {
      expect(validateTrackRequest(request({ partner_name: '' })).ok).toBe(true);
      expect(validateTrackRequest(request({ partner_name: null })).ok).toBe(true);
    });

    it('uses 40002 when data is missing or not an array', () => {
      expectFailure(request({ data: undefined }), TikTokCode.InvalidParameter, 'data is required');
      expectFailure(request({ data: event() }), TikTokCode.InvalidParameter, 'data must be an array');
    });

    it('uses 40061 for an empty batch', () => {
      expectFailure(request({ data: [] }), TikTokCode.InvalidBatchSize, 'got 0');
    });

    it('accepts exactly 1000 events and rejects 1001 with 40061', () => {
      expect(validateTrackRequest(request({ data: Array.from({ length: 1000 }, () => event()) })).ok).toBe(true);
      expectFailure(request({ data: Array.from({ length: 1001 }, () => event()) }), TikTokCode.InvalidBatchSize, 'got 1001');
    });
  });

  describe('events', () => {
    it('names the failing event by index', () => {
      const body = request({ data: [event(), event(), event({ event: '' })] });
      expectFailure(body, TikTokCode.InvalidParameter, 'data[2].event is required');
    });

    it.each([null, 'Purchase', 3])('rejects a data entry that is not an object (%p)', (entry) => {
      expectFailure(request({ data: [entry] }), TikTokCode.InvalidParameter, 'data[0] must be an object');
    });

    it('requires event to be a string', () => {
      expectFailure(withEvent({ event: 12 }), TikTokCode.InvalidParameter, 'data[0].event is not a valid string');
    });

    it('requires event_time', () => {
      expectFailure(withEvent({ event_time: undefined }), TikTokCode.InvalidParameter, 'data[0].event_time is required');
    });

    it.each([['1700000000'], [1_700_000_000.5], [true]])('rejects event_time %p that is not an integer', (time) => {
      expectFailure(withEvent({ event_time: time }), TikTokCode.InvalidParameter, 'data[0].event_time must be an integer');
    });

    it('rejects event_time in milliseconds, naming the event', () => {
      const body = request({ data: [event(), event(), event(), event({ event_time: 1_700_000_000_000 })] });
      expectFailure(body, TikTokCode.InvalidParameter, 'data[3].event_time');
      expectFailure(body, TikTokCode.InvalidParameter, 'milliseconds');
    });

    it('accepts event_time right at the seconds/milliseconds boundary', () => {
      expect(validateTrackRequest(withEvent({ event_time: 1e11 })).ok).toBe(true);
    });

    it.each([0, -5])('rejects non-positive event_time %p', (time) => {
      expectFailure(withEvent({ event_time: time }), TikTokCode.InvalidParameter, 'data[0].event_time must be a positive');
    });

    it('rejects a numeric event_id', () => {
      expectFailure(withEvent({ event_id: 123 }), TikTokCode.InvalidParameter, 'data[0].event_id is not a valid string');
    });

    it('rejects a null event_id but accepts a missing one', () => {
      expectFailure(withEvent({ event_id: null }), TikTokCode.InvalidParameter, 'data[0].event_id is not a valid string');
      expect(validateTrackRequest(withEvent({ event_id: undefined })).ok).toBe(true);
    });

    it('rejects test_event_code inside data[]', () => {
      expectFailure(withEvent({ test_event_code: 'TEST1' }), TikTokCode.InvalidParameter, 'data[0].test_event_code');
    });
  });

  describe('user', () => {
    it('requires user to be an object', () => {
      expectFailure(withEvent({ user: 'me' }), TikTokCode.InvalidParameter, 'data[0].user must be an object');
    });

    it.each(['email', 'phone', 'external_id'])('rejects an unhashed %s with 40062', (field) => {
      expectFailure(withEvent({ user: { [field]: 'jane@example.com' } }), TikTokCode.PiiNotHashed, `data[0].user.${field}`);
    });

    it('accepts upper-case hex hashes', () => {
      expect(validateTrackRequest(withEvent({ user: { email: UPPER_HASH } })).ok).toBe(true);
    });

    it.each([
      ['63 characters', 'a'.repeat(63)],
      ['65 characters', 'a'.repeat(65)],
      ['a non-hex character', 'g'.repeat(64)],
      ['an empty string', ''],
    ])('rejects an email hash with %s', (_label, value) => {
      expectFailure(withEvent({ user: { email: value } }), TikTokCode.PiiNotHashed, 'data[0].user.email');
    });

    it('names the array index of an unhashed value', () => {
      const body = withEvent({ user: { phone: [HASH, '+12133734253'] } });
      expectFailure(body, TikTokCode.PiiNotHashed, 'data[0].user.phone[1]');
    });

    it('rejects a hashed field that is neither a string nor an array', () => {
      expectFailure(withEvent({ user: { external_id: 42 } }), TikTokCode.InvalidParameter, 'data[0].user.external_id must be a string or an array');
      expectFailure(withEvent({ user: { email: [42] } }), TikTokCode.InvalidParameter, 'data[0].user.email[0] is not a valid string');
    });

    it.each(['ttclid', 'ttp', 'ip', 'user_agent'])('rejects a hashed %s', (field) => {
      expectFailure(withEvent({ user: { [field]: HASH } }), TikTokCode.InvalidParameter, `data[0].user.${field} looks hashed`);
    });

    it('rejects a non-string raw identifier', () => {
      expectFailure(withEvent({ user: { ip: 2130706433 } }), TikTokCode.InvalidParameter, 'data[0].user.ip is not a valid string');
    });
  });

  describe('properties and page', () => {
    it('rejects a numeric content_id, naming the content', () => {
      const body = withEvent({ properties: { contents: [{ content_id: 'a' }, { content_id: 123 }] } });
      expectFailure(body, TikTokCode.InvalidParameter, 'data[0].properties.contents[1].content_id is not a valid string');
    });

    it('rejects contents that is not an array of objects', () => {
      expectFailure(withEvent({ properties: { contents: {} } }), TikTokCode.InvalidParameter, 'data[0].properties.contents must be an array');
      expectFailure(withEvent({ properties: { contents: ['sku'] } }), TikTokCode.InvalidParameter, 'data[0].properties.contents[0] must be an object');
    });

    it('rejects numeric content_ids', () => {
      expectFailure(withEvent({ properties: { content_ids: ['a', 7] } }), TikTokCode.InvalidParameter, 'data[0].properties.content_ids[1]');
    });

    it('requires properties and page to be objects', () => {
      expectFailure(withEvent({ properties: [] }), TikTokCode.InvalidParameter, 'data[0].properties must be an object');
      expectFailure(withEvent({ page: 'https://x' }), TikTokCode.InvalidParameter, 'data[0].page must be an object');
    });

    it('requires page.url and page.referrer to be strings', () => {
      expectFailure(withEvent({ page: { url: 1 } }), TikTokCode.InvalidParameter, 'data[0].page.url');
      expectFailure(withEvent({ page: { referrer: false } }), TikTokCode.InvalidParameter, 'data[0].page.referrer');
    });
  });

  it('reports the first failing event of a batch (all-or-nothing)', () => {
    const body = request({ data: [event(), event({ event_id: 1 }), event({ event_time: 'x' })] });
    expectFailure(body, TikTokCode.InvalidParameter, 'data[1].event_id');
  });
});

describe('isSha256Hex', () => {
  it('accepts 64 hex characters of either case', () => {
    expect(isSha256Hex(HASH)).toBe(true);
    expect(isSha256Hex(UPPER_HASH)).toBe(true);
  });

  it('rejects anything else', () => {
    expect(isSha256Hex('')).toBe(false);
    expect(isSha256Hex(`${'a'.repeat(63)}z`)).toBe(false);
    expect(isSha256Hex(`${'a'.repeat(63)}/`)).toBe(false);
    expect(isSha256Hex(`${'a'.repeat(63)}:`)).toBe(false);
  });
});

describe('readTrackEnvelope', () => {
  it('reads pixel, test code and batch size from any body', () => {
    expect(readTrackEnvelope(request({ test_event_code: 'T1' }))).toEqual({
      pixelCode: 'CD9079RC77U0N3GBV16Y',
      testEventCode: 'T1',
      eventCount: 1,
    });
    expect(readTrackEnvelope('nonsense')).toEqual({ pixelCode: null, testEventCode: null, eventCount: 0 });
    expect(readTrackEnvelope({ event_source_id: 5, data: 'x' })).toEqual({ pixelCode: null, testEventCode: null, eventCount: 0 });
  });
});
