import { decodeLinkedId, encodeLinkedId, isAnonymousId, randomId } from './linked-id.codec';

describe('linked anonymous id', () => {
  const id = '0f8e7d6c-5b4a-4392-8817-263544536271';
  const now = 1764000000;

  it('round-trips within the allowed age', () => {
    expect(decodeLinkedId(encodeLinkedId(id, now), now + 3599, 3600)).toBe(id);
  });

  it('refuses stale, future, malformed and foreign values', () => {
    expect(decodeLinkedId(encodeLinkedId(id, now), now + 3601, 3600)).toBeUndefined();
    expect(decodeLinkedId(encodeLinkedId(id, now + 600), now, 3600)).toBeUndefined();
    expect(decodeLinkedId(id, now, 3600)).toBeUndefined();
    expect(decodeLinkedId('<script>.' + now.toString(36), now, 3600)).toBeUndefined();
    expect(decodeLinkedId('short.' + now.toString(36), now, 3600)).toBeUndefined();
    expect(decodeLinkedId(id + '.zz!', now, 3600)).toBeUndefined();
    expect(decodeLinkedId(undefined, now, 3600)).toBeUndefined();
  });
});

describe('isAnonymousId', () => {
  it('accepts the ids TrackLayer makes and refuses other cookie contents', () => {
    expect(isAnonymousId(randomId((bytes) => bytes.fill(7)))).toBe(true);
    expect(isAnonymousId('v-42')).toBe(false);
    expect(isAnonymousId('x'.repeat(65))).toBe(false);
    expect(isAnonymousId('a b c d e f g h')).toBe(false);
    expect(isAnonymousId(undefined)).toBe(false);
  });
});

describe('randomId', () => {
  it('formats the random bytes as a version 4 UUID', () => {
    const id = randomId((bytes) => bytes.fill(0xff));
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('falls back to Math.random when the crypto source throws', () => {
    const id = randomId(() => {
      throw new Error('no crypto');
    });
    expect(id).toMatch(/^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
    expect(id).not.toBe(randomId(() => undefined));
  });
});
