import { classifyTikTokResponse, toPlatformSendOutcome } from './tiktok-response.classifier';

function tiktokBody(code: number, message = `message for ${code}`): Record<string, unknown> {
  return { code, message, request_id: 'req-1', data: {} };
}

function classifyCode(code: number, httpStatus = 200) {
  return classifyTikTokResponse({ httpStatus, body: tiktokBody(code) });
}

describe('classifyTikTokResponse', () => {
  describe('success', () => {
    it('treats code 0 as ok', () => {
      expect(classifyTikTokResponse({ httpStatus: 200, body: { code: 0, message: 'OK', request_id: 'req-0', data: {} } })).toEqual({
        outcome: 'ok',
        credentialError: false,
        platformCode: 0,
        platformMessage: 'OK',
        requestId: 'req-0',
      });
    });

    it('treats 20001 as ok with partial set and keeps the message', () => {
      expect(classifyCode(20001)).toEqual({
        outcome: 'ok',
        credentialError: false,
        platformCode: 20001,
        platformMessage: 'message for 20001',
        requestId: 'req-1',
        partial: true,
      });
    });

    it('accepts any 2xx status with code 0', () => {
      expect(classifyCode(0, 204).outcome).toBe('ok');
    });

    it('describes code 0 without a message', () => {
      expect(classifyTikTokResponse({ httpStatus: 200, body: { code: 0 } }).platformMessage).toBe('OK');
    });
  });

  describe('retryable codes', () => {
    it.each([
      ['40100 too many requests', 40100],
      ['40132', 40132],
      ['40202', 40202],
      ['50000 internal error', 50000],
      ['50002', 50002],
      ['51000 (start of 51000-51099)', 51000],
      ['51050', 51050],
      ['51099 (end of 51000-51099)', 51099],
      ['52000 (start of 52000-52299)', 52000],
      ['52150', 52150],
      ['52299 (end of 52000-52299)', 52299],
      ['60001 maintenance', 60001],
      ['61000', 61000],
    ])('retries %s', (_label, code) => {
      expect(classifyCode(code)).toEqual({
        outcome: 'retryable',
        credentialError: false,
        platformCode: code,
        platformMessage: `message for ${code}`,
        requestId: 'req-1',
        // 40100 is TikTok's QPS limit: throttling, which the engine may slow the connector for.
        ...(code === 40100 ? { rateLimited: true } : {}),
      });
    });
  });

  describe('permanent codes', () => {
    it.each([40000, 40002, 40003, 40006, 40007, 40011, 40050, 40051, 40061, 40062, 40063, 40113, 40117, 40118, 41000, 41001, 41002])(
      'rejects %i without flagging credentials',
      (code) => {
        expect(classifyCode(code)).toEqual({
          outcome: 'permanent',
          credentialError: false,
          platformCode: code,
          platformMessage: `message for ${code}`,
          requestId: 'req-1',
        });
      },
    );

    it.each([53102, 53103])('rejects %i although it is in the 5xxxx range', (code) => {
      expect(classifyCode(code)).toMatchObject({ outcome: 'permanent', credentialError: false, platformCode: code });
    });

    it.each([40004, 40099, 42000, 49999])('rejects the unlisted 4xxxx code %i', (code) => {
      expect(classifyCode(code)).toMatchObject({ outcome: 'permanent', credentialError: false });
    });

    it('keeps the message that names the bad field', () => {
      const result = classifyTikTokResponse({ httpStatus: 200, body: tiktokBody(40002, 'data[0].event_id is not a valid string') });
      expect(result.platformMessage).toBe('data[0].event_id is not a valid string');
    });
  });

  describe('credential errors', () => {
    it.each([
      ['40001 no permission for the pixel', 40001],
      ['40102 token expired', 40102],
      ['40104 token empty', 40104],
      ['40105 token invalid', 40105],
    ])('flags %s under HTTP 200', (_label, code) => {
      expect(classifyCode(code)).toEqual({
        outcome: 'permanent',
        credentialError: true,
        platformCode: code,
        platformMessage: `message for ${code}`,
        requestId: 'req-1',
      });
    });

    it.each([401, 403])('flags a bare HTTP %i', (httpStatus) => {
      expect(classifyTikTokResponse({ httpStatus })).toEqual({
        outcome: 'permanent',
        credentialError: true,
        platformMessage: `HTTP ${httpStatus} with a non-JSON body: the access token was refused`,
      });
    });

    it('flags HTTP 403 with a JSON credential code and keeps code and message', () => {
      expect(classifyTikTokResponse({ httpStatus: 403, body: tiktokBody(40105, 'Access token is invalid') })).toEqual({
        outcome: 'permanent',
        credentialError: true,
        platformCode: 40105,
        platformMessage: 'Access token is invalid',
        requestId: 'req-1',
      });
    });

    it('flags HTTP 403 with a JSON body that carries no code', () => {
      expect(classifyTikTokResponse({ httpStatus: 403, body: { error: 'forbidden' } })).toMatchObject({
        outcome: 'permanent',
        credentialError: true,
        platformMessage: 'HTTP 403 with a JSON body that carries no code: the access token was refused',
      });
    });
  });

  describe('unknown codes', () => {
    it.each([53000, 55555, 59999, 60000, 62000, 69999])('retries the unlisted 5xxxx/6xxxx code %i', (code) => {
      expect(classifyCode(code)).toMatchObject({ outcome: 'retryable', credentialError: false, platformCode: code });
    });

    it.each([1, 10000, 20000, 20002, 30000, 70000, 99999, -1])('rejects the unknown code %i', (code) => {
      expect(classifyCode(code)).toMatchObject({ outcome: 'permanent', credentialError: false, platformCode: code });
    });

    it('describes a code without a message', () => {
      expect(classifyTikTokResponse({ httpStatus: 200, body: { code: 40002 } }).platformMessage).toBe(
        'TikTok code 40002 without a message',
      );
    });

    it('reads a code sent as a digit string', () => {
      expect(classifyTikTokResponse({ httpStatus: 200, body: { code: '40104', message: 'empty' } })).toMatchObject({
        outcome: 'permanent',
        credentialError: true,
        platformCode: 40104,
      });
    });
  });

  describe('HTTP status without a TikTok code', () => {
    it.each([500, 502, 503, 504])('retries HTTP %i with a non-JSON body', (httpStatus) => {
      expect(classifyTikTokResponse({ httpStatus })).toEqual({
        outcome: 'retryable',
        credentialError: false,
        platformMessage: `HTTP ${httpStatus} with a non-JSON body`,
      });
    });

    it('retries HTTP 429 and keeps a JSON code when there is one', () => {
      expect(classifyTikTokResponse({ httpStatus: 429 })).toEqual({
        outcome: 'retryable',
        credentialError: false,
        platformMessage: 'HTTP 429 with a non-JSON body',
        rateLimited: true,
      });
      expect(classifyTikTokResponse({ httpStatus: 429, body: tiktokBody(40100, 'Too many requests') })).toEqual({
        outcome: 'retryable',
        credentialError: false,
        platformCode: 40100,
        platformMessage: 'Too many requests',
        requestId: 'req-1',
        rateLimited: true,
      });
    });

    it('retries HTTP 408', () => {
      expect(classifyTikTokResponse({ httpStatus: 408 }).outcome).toBe('retryable');
    });

    it('retries a 2xx with a non-JSON body', () => {
      expect(classifyTikTokResponse({ httpStatus: 200 })).toEqual({
        outcome: 'retryable',
        credentialError: false,
        platformMessage: 'HTTP 200 with a non-JSON body',
      });
    });

    it.each([
      ['an object without code', { ok: true }],
      ['an array', [1, 2]],
      ['a string', 'OK'],
      ['null', null],
    ])('retries a 2xx whose JSON body is %s', (_label, body) => {
      expect(classifyTikTokResponse({ httpStatus: 200, body })).toEqual({
        outcome: 'retryable',
        credentialError: false,
        platformMessage: 'HTTP 200 with a JSON body that carries no code',
      });
    });

    it.each([400, 404, 405, 413, 422])('rejects HTTP %i', (httpStatus) => {
      expect(classifyTikTokResponse({ httpStatus })).toEqual({
        outcome: 'permanent',
        credentialError: false,
        platformMessage: `HTTP ${httpStatus} with a non-JSON body`,
      });
    });

    it.each([101, 301, 302])('retries the unexpected HTTP %i', (httpStatus) => {
      expect(classifyTikTokResponse({ httpStatus }).outcome).toBe('retryable');
    });

    it('retries when there is neither a status nor a code', () => {
      expect(classifyTikTokResponse({})).toEqual({
        outcome: 'retryable',
        credentialError: false,
        platformMessage: 'no HTTP response from TikTok',
      });
    });
  });

  describe('TikTok code under an HTTP error status', () => {
    it('lets the code decide under HTTP 5xx', () => {
      expect(classifyTikTokResponse({ httpStatus: 500, body: tiktokBody(50000, 'Internal error') })).toMatchObject({
        outcome: 'retryable',
        platformCode: 50000,
        platformMessage: 'Internal error',
      });
      expect(classifyTikTokResponse({ httpStatus: 500, body: tiktokBody(40002) })).toMatchObject({
        outcome: 'permanent',
        platformCode: 40002,
      });
    });

    it('lets the code decide under HTTP 400', () => {
      expect(classifyTikTokResponse({ httpStatus: 400, body: tiktokBody(40061) }).outcome).toBe('permanent');
      expect(classifyTikTokResponse({ httpStatus: 400, body: tiktokBody(61000) }).outcome).toBe('retryable');
    });

    it('does not trust a success code under an error status', () => {
      expect(classifyTikTokResponse({ httpStatus: 502, body: tiktokBody(0, 'OK') })).toEqual({
        outcome: 'retryable',
        credentialError: false,
        platformCode: 0,
        platformMessage: 'HTTP 502 with code 0: OK',
        requestId: 'req-1',
      });
      expect(classifyTikTokResponse({ httpStatus: 400, body: { code: 20001 } })).toEqual({
        outcome: 'permanent',
        credentialError: false,
        platformCode: 20001,
        platformMessage: 'HTTP 400 with code 20001',
      });
    });

    it('classifies a code without any HTTP status', () => {
      expect(classifyTikTokResponse({ body: tiktokBody(0) }).outcome).toBe('ok');
    });
  });

  describe('network errors', () => {
    it('retries a timeout and says how long it waited', () => {
      expect(classifyTikTokResponse({ networkError: 'timeout', timeoutMs: 10000 })).toEqual({
        outcome: 'retryable',
        credentialError: false,
        platformMessage: 'request timed out after 10000 ms',
      });
      expect(classifyTikTokResponse({ networkError: 'timeout' }).platformMessage).toBe('request timed out');
    });

    it('retries a connection error', () => {
      expect(classifyTikTokResponse({ networkError: 'connection', networkErrorDetail: 'ECONNRESET' })).toEqual({
        outcome: 'retryable',
        credentialError: false,
        platformMessage: 'connection error: ECONNRESET',
      });
      expect(classifyTikTokResponse({ networkError: 'connection' }).platformMessage).toBe(
        'connection error before TikTok answered',
      );
    });

    it('lets a network error win over a partial status', () => {
      expect(classifyTikTokResponse({ networkError: 'connection', httpStatus: 200 }).outcome).toBe('retryable');
    });
  });
});

describe('toPlatformSendOutcome', () => {
  it('reads TikTok classifications into the engine outcome', () => {
    expect(toPlatformSendOutcome(classifyTikTokResponse({ httpStatus: 200, body: tiktokBody(0, 'OK') }))).toMatchObject({ outcome: 'delivered', messages: [] });
    expect(toPlatformSendOutcome(classifyTikTokResponse({ httpStatus: 200, body: tiktokBody(40105, 'bad token') }))).toMatchObject({
      outcome: 'credentials_invalid',
      platformCode: 40105,
    });
    expect(toPlatformSendOutcome(classifyTikTokResponse({ httpStatus: 200, body: tiktokBody(40002, 'bad') }))).toMatchObject({ outcome: 'rejected', platformCode: 40002 });
    expect(toPlatformSendOutcome(classifyTikTokResponse({ httpStatus: 429 }), 3000)).toMatchObject({ outcome: 'retry', rateLimited: true, retryAfterMs: 3000 });
    expect(toPlatformSendOutcome(classifyTikTokResponse({ httpStatus: 503 }))).toEqual({ outcome: 'retry', rateLimited: false, platformMessage: 'HTTP 503 with a non-JSON body' });
  });
});
