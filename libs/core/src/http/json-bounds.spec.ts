import { findJsonBoundsViolation, JsonLimits, textProblem } from './json-bounds';

const LIMITS: JsonLimits = { maxDepth: 4, maxKeysPerObject: 3, maxItemsPerArray: 3, maxStringLength: 10, maxKeyLength: 5, maxSize: 200 };

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('textProblem', () => {
  it.each([
    ['plain', undefined],
    ['emoji \u{1F600}', undefined],
    ['nul\u0000', 'NUL'],
    ['lone high \uD800', 'surrogates'],
    ['lone low \uDC00 x', 'surrogates'],
    ['reversed \uDC00\uD800', 'surrogates'],
  ])('%p', (text, problem) => {
    if (problem === undefined) expect(textProblem(text)).toBeUndefined();
    else expect(textProblem(text)).toContain(problem);
  });
});

describe('findJsonBoundsViolation', () => {
  it('passes values within every limit', () => {
    expect(findJsonBoundsViolation({ a: [1, 'two', null], b: { c: true } }, LIMITS)).toBeUndefined();
    expect(findJsonBoundsViolation(nested(3), LIMITS)).toBeUndefined();
  });

  it('names the path of a string with NUL or a lone surrogate', () => {
    expect(findJsonBoundsViolation({ a: [1, { b: 'x\u0000' }] }, LIMITS, 'event')).toEqual({
      field: 'event.a[1].b',
      reason: 'invalid_text',
      message: 'must not contain NUL characters (\\u0000)',
    });
    expect(findJsonBoundsViolation(['\uD83D'], LIMITS)).toMatchObject({ field: '[0]', reason: 'invalid_text' });
  });

  it('names a bad key escaped, so the path never carries what it reports', () => {
    const violation = findJsonBoundsViolation({ o: { 'k\u0000': 1 } }, LIMITS);
    expect(violation).toMatchObject({ field: 'o["k\\u0000"]', reason: 'invalid_text' });
    expect(violation?.field.includes('\u0000')).toBe(false);
    expect(findJsonBoundsViolation({ 'a\uDFFF': 1 }, LIMITS)?.field).toBe('["a\\udfff"]');
  });

  it('refuses nesting deeper than the limit, naming where it goes too deep', () => {
    expect(findJsonBoundsViolation(nested(4), LIMITS)).toBeUndefined();
    expect(findJsonBoundsViolation(nested(5), LIMITS)).toMatchObject({ field: 'a.a.a.a', reason: 'too_deep' });
    expect(findJsonBoundsViolation([[[[[]]]]], LIMITS)).toMatchObject({ field: '[0][0][0][0]', reason: 'too_deep' });
  });

  it('handles 100,000 levels without recursion', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findJsonBoundsViolation(deep, { ...LIMITS, maxSize: 10_000_000 })).toMatchObject({ reason: 'too_deep' });
  });

  it('refuses wide objects and arrays, long strings and long keys', () => {
    expect(findJsonBoundsViolation({ w: { a: 1, b: 2, c: 3, d: 4 } }, LIMITS)).toMatchObject({ field: 'w', reason: 'too_large' });
    expect(findJsonBoundsViolation({ w: [1, 2, 3, 4] }, LIMITS)).toMatchObject({ field: 'w', reason: 'too_large' });
    expect(findJsonBoundsViolation({ s: 'x'.repeat(11) }, LIMITS)).toMatchObject({ field: 's', message: 'must be at most 10 characters' });
    expect(findJsonBoundsViolation({ longkey: 1 }, LIMITS)).toMatchObject({ field: '$', reason: 'too_large' });
  });

  it('refuses a value larger than the size limit as a whole', () => {
    const big = { a: 'x'.repeat(10), b: ['y'.repeat(10), 'y'.repeat(10), 'y'.repeat(10)], c: { d: 'z'.repeat(10) } };
    expect(findJsonBoundsViolation(big, { ...LIMITS, maxSize: 60 }, 'event')).toEqual({
      field: 'event',
      reason: 'too_large',
      message: 'is larger than 60 characters of JSON',
    });
    expect(findJsonBoundsViolation(big, LIMITS)).toBeUndefined();
  });

  it('cuts long keys in the reported path', () => {
    const key = `${'k'.repeat(100)}\u0000`;
    const violation = findJsonBoundsViolation({ [key]: 1 }, { ...LIMITS, maxKeyLength: 1000 });
    expect(violation?.field.length).toBeLessThan(80);
  });
});
