import { readRetryAfterMs } from './retry-after';

describe('readRetryAfterMs', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-03T10:00:00Z');
    expect(readRetryAfterMs({ 'retry-after': '7' }, now)).toBe(7000);
    expect(readRetryAfterMs({ 'retry-after': ['3', '9'] }, now)).toBe(3000);
    expect(readRetryAfterMs({ 'retry-after': 'Thu, 03 Dec 2026 10:00:05 GMT' }, now)).toBe(5000);
    expect(readRetryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(readRetryAfterMs({}, now)).toBeUndefined();
    expect(readRetryAfterMs(undefined, now)).toBeUndefined();
  });
});
