import { buildCredentialCheckRequest, CREDENTIAL_CHECK_EVENT } from './credential-check.request';

describe('buildCredentialCheckRequest', () => {
  const now = new Date('2026-11-25T10:00:00.500Z');

  it('sends one clearly named event to the pixel, with string event_id and seconds', () => {
    const request = buildCredentialCheckRequest('PIXEL1', undefined, now);
    expect(request).toMatchObject({ event_source: 'web', event_source_id: 'PIXEL1' });
    expect(request).not.toHaveProperty('test_event_code');
    expect(request.data).toHaveLength(1);
    expect(request.data[0]).toMatchObject({ event: CREDENTIAL_CHECK_EVENT, event_time: 1795600800 });
    expect(request.data[0].event_id).toMatch(/^tracklayer-check-[0-9a-f-]{36}$/);
  });

  it('puts the test event code at the top level', () => {
    const request = buildCredentialCheckRequest('PIXEL1', 'TEST123', now);
    expect(request.test_event_code).toBe('TEST123');
    expect(request.data[0]).not.toHaveProperty('test_event_code');
  });
});
