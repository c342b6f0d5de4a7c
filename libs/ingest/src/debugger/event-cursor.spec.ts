import { decodeEventCursor, encodeEventCursor } from './event-cursor';

describe('event cursor', () => {
  it('round-trips', () => {
    const cursor = { receivedAt: '2026-12-01 10:00:00.123456+00', id: '6f1c1d8e-2b6f-4c55-9a51-0c3f4b7a9e21' };
    expect(decodeEventCursor(encodeEventCursor(cursor))).toEqual(cursor);
  });

  it('refuses what it did not make', () => {
    expect(decodeEventCursor('nonsense')).toBeUndefined();
    expect(decodeEventCursor(Buffer.from('2026-12-01T10:00:00Z|not-a-uuid').toString('base64url'))).toBeUndefined();
  });
});
