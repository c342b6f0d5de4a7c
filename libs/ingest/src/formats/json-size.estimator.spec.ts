import fc from 'fast-check';
import { jsonSizeVerdict } from './json-size.estimator';

const exceedsJsonBytes = (value: unknown, limit: number) => jsonSizeVerdict(value, limit, 1000) === 'too_large';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('jsonSizeVerdict', () => {
  it('agrees with the exact UTF-8 size of the JSON for any value and limit', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 2000 }), (value, limit) => {
        expect(exceedsJsonBytes(value, limit)).toBe(bytes(value) > limit);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts multi-byte characters and escapes exactly at the edge', () => {
    const emoji = { text: '😀'.repeat(100) };
    expect(exceedsJsonBytes(emoji, bytes(emoji))).toBe(false);
    expect(exceedsJsonBytes(emoji, bytes(emoji) - 1)).toBe(true);
    const escaped = { text: '\u0001"\\'.repeat(50) };
    expect(exceedsJsonBytes(escaped, bytes(escaped))).toBe(false);
    expect(exceedsJsonBytes(escaped, bytes(escaped) - 1)).toBe(true);
  });

  it('takes a 33 KB message for too large and a 1 KB one for fine under 32 KB', () => {
    expect(exceedsJsonBytes({ pad: 'x'.repeat(33 * 1024) }, 32 * 1024)).toBe(true);
    expect(exceedsJsonBytes({ pad: 'x'.repeat(1024), list: [1, 2, 3], nested: { ok: true, none: null } }, 32 * 1024)).toBe(false);
  });

  it('answers too_deep past the depth limit, without recursing further', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonSizeVerdict(deep, 32 * 1024, 32)).toBe('too_deep');
    expect(jsonSizeVerdict({ a: { b: { c: 1 } } }, 32 * 1024, 3)).toBe('within');
    expect(jsonSizeVerdict({ a: { b: { c: {} } } }, 32 * 1024, 3)).toBe('too_deep');
  });
});
