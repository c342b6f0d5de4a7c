import { classifyMetaResponse } from './meta-response.classifier';

function graphError(fields: Record<string, unknown>): Record<string, unknown> {
  return { error: { message: 'Invalid parameter', type: 'OAuthException', fbtrace_id: 'AbCtrace1', ...fields } };
}

describe('classifyMetaResponse', () => {
  describe('delivered', () => {
    it('reads events_received, messages and fbtrace_id', () => {
      expect(classifyMetaResponse({ httpStatus: 200, body: { events_received: 3, messages: [], fbtrace_id: 'AbC' } })).toEqual({
        outcome: 'delivered',
        eventsReceived: 3,
        messages: [],
        platformMessage: '3 events received',
        requestId: 'AbC',
      });
    });

    it('keeps the warnings of an accepted request', () => {
      const outcome = classifyMetaResponse({ httpStatus: 200, body: { events_received: 1, messages: ['dedup hint', { x: 1 }], fbtrace_id: 'A' } });
      expect(outcome).toMatchObject({ outcome: 'delivered', eventsReceived: 1, messages: ['dedup hint', '{"x":1}'], platformMessage: '1 event received' });
    });
  });

  describe('retry', () => {
    it.each([
      ['1 unknown error', 1, undefined, false],
      ['2 service unavailable', 2, undefined, false],
      ['368 temporarily blocked', 368, undefined, false],
      ['4 application request limit', 4, undefined, true],
      ['17 user request limit', 17, 2446079, true],
      ['341 application limit', 341, undefined, true],
      ['613 calls per hour', 613, 1487742, true],
    ])('retries %s', (_label, code, subcode, rateLimited) => {
      const body = graphError({ code, ...(subcode === undefined ? {} : { error_subcode: subcode }) });
      expect(classifyMetaResponse({ httpStatus: 400, body })).toMatchObject({
        outcome: 'retry',
        rateLimited,
        platformCode: code,
        ...(subcode === undefined ? {} : { platformSubcode: subcode }),
        requestId: 'AbCtrace1',
      });
    });

    it('classifies by code, not by HTTP status: code 4 under 403 is throttling, not a bad token', () => {
      expect(classifyMetaResponse({ httpStatus: 403, body: graphError({ code: 4 }) })).toMatchObject({ outcome: 'retry', rateLimited: true });
    });

    it('retries whatever is_transient marks, even code 100', () => {
      expect(classifyMetaResponse({ httpStatus: 400, body: graphError({ code: 100, is_transient: true }) })).toMatchObject({
        outcome: 'retry',
        rateLimited: false,
        platformCode: 100,
      });
    });

    it.each([500, 502, 503, 504])('retries HTTP %i with an HTML body', (httpStatus) => {
      expect(classifyMetaResponse({ httpStatus })).toEqual({
        outcome: 'retry',
        rateLimited: false,
        platformMessage: `HTTP ${httpStatus} with a non-JSON body`,
      });
    });

    it('retries 429 and 408, and a 2xx nobody judged', () => {
      expect(classifyMetaResponse({ httpStatus: 429, headers: { 'retry-after': '30' } })).toEqual({
        outcome: 'retry',
        rateLimited: true,
        retryAfterMs: 30_000,
        platformMessage: 'HTTP 429 with a non-JSON body',
      });
      expect(classifyMetaResponse({ httpStatus: 408 })).toMatchObject({ outcome: 'retry' });
      expect(classifyMetaResponse({ httpStatus: 200 })).toMatchObject({ outcome: 'retry', platformMessage: 'HTTP 200 with a non-JSON body' });
      expect(classifyMetaResponse({ httpStatus: 200, body: { ok: true } })).toMatchObject({ outcome: 'retry' });
    });

    it('reads Retry-After as an HTTP date too, and passes it on for Graph throttling', () => {
      const soon = new Date(Date.now() + 60_000).toUTCString();
      const outcome = classifyMetaResponse({ httpStatus: 400, headers: { 'retry-after': soon }, body: graphError({ code: 17 }) });
      expect(outcome.outcome === 'retry' && outcome.retryAfterMs).toBeGreaterThan(55_000);
    });

    it('retries timeouts and connection errors', () => {
      expect(classifyMetaResponse({ networkError: 'timeout', timeoutMs: 1500 })).toEqual({
        outcome: 'retry',
        rateLimited: false,
        platformMessage: 'Meta did not answer within 1500 ms',
      });
      expect(classifyMetaResponse({ networkError: 'connection', networkErrorDetail: 'ECONNRESET' })).toEqual({
        outcome: 'retry',
        rateLimited: false,
        platformMessage: 'Could not reach Meta: ECONNRESET',
      });
    });

    it('retries a Graph error without a code under a 5xx', () => {
      expect(classifyMetaResponse({ httpStatus: 500, body: { error: { message: 'oops' } } })).toMatchObject({ outcome: 'retry', platformMessage: 'oops' });
    });
  });

  describe('credentials invalid', () => {
    it.each([
      ['190 invalid token', 190, undefined],
      ['190/463 expired token', 190, 463],
      ['190/460 password changed', 190, 460],
      ['102 session key', 102, undefined],
      ['104 no token', 104, undefined],
      ['10 permission denied', 10, undefined],
      ['200 permission error', 200, undefined],
      ['299 permission error', 299, undefined],
      ['100/33 pixel not reachable with this token', 100, 33],
    ])('flags %s', (_label, code, subcode) => {
      expect(
        classifyMetaResponse({
          httpStatus: 400,
          body: graphError({ code, message: 'Invalid OAuth access token - Cannot parse access token', ...(subcode === undefined ? {} : { error_subcode: subcode }) }),
        }),
      ).toEqual({
        outcome: 'credentials_invalid',
        platformCode: code,
        ...(subcode === undefined ? {} : { platformSubcode: subcode }),
        platformMessage: `Invalid OAuth access token - Cannot parse access token (#${code}${subcode === undefined ? '' : `/${subcode}`})`,
        requestId: 'AbCtrace1',
      });
    });
  });

  describe('rejected', () => {
    it('rejects a too old event with Meta code, subcode, message and the failing event', () => {
      const body = graphError({
        code: 100,
        error_subcode: 2804003,
        is_transient: false,
        error_user_title: 'Event Timestamp Too Old',
        error_user_msg: "The timestamp for this event is too far in the past. $['data'][2]['event_time']",
      });
      expect(classifyMetaResponse({ httpStatus: 400, body })).toEqual({
        outcome: 'rejected',
        platformCode: 100,
        platformSubcode: 2804003,
        platformMessage:
          "Invalid parameter (#100/2804003): Event Timestamp Too Old: The timestamp for this event is too far in the past. $['data'][2]['event_time']",
        requestId: 'AbCtrace1',
        eventIndex: 2,
      });
    });

    it('finds the failing event in message when error_user_msg is missing (unexpected keys)', () => {
      const body = graphError({ code: 100, message: `(#100) Unexpected key "test_event_code" on param "$['data'][0]".` });
      expect(classifyMetaResponse({ httpStatus: 400, body })).toMatchObject({ outcome: 'rejected', platformCode: 100, eventIndex: 0 });
    });

    it.each([
      ['2804009 missing value for Purchase', 100, 2804009],
      ['2804019 server-side parameter error', 100, 2804019],
      ['3 unknown method', 3, undefined],
      ['an unknown code', 12345, undefined],
    ])('rejects %s, without an index when none is named', (_label, code, subcode) => {
      const outcome = classifyMetaResponse({ httpStatus: 400, body: graphError({ code, error_subcode: subcode }) });
      expect(outcome).toMatchObject({ outcome: 'rejected', platformCode: code });
      expect(outcome).not.toHaveProperty('eventIndex');
    });

    it('reads codes sent as digit strings', () => {
      expect(classifyMetaResponse({ httpStatus: 400, body: graphError({ code: '190' }) })).toMatchObject({ outcome: 'credentials_invalid', platformCode: 190 });
    });

    it.each([400, 404, 413])('rejects HTTP %i without a Graph answer', (httpStatus) => {
      expect(classifyMetaResponse({ httpStatus })).toEqual({ outcome: 'rejected', platformMessage: `HTTP ${httpStatus} with a non-JSON body` });
    });

    it('does not trust a success body under an error status', () => {
      expect(classifyMetaResponse({ httpStatus: 400, body: { events_received: 1 } })).toMatchObject({ outcome: 'rejected' });
      expect(classifyMetaResponse({ httpStatus: 502, body: { events_received: 1 } })).toMatchObject({ outcome: 'retry' });
    });
  });
});
