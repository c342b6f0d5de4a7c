import { csrfTokenFor, csrfTokenMatches, needsCsrfToken } from './csrf-token';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('CSRF token', () => {
  it('is bound to the session and the secret', () => {
    const token = csrfTokenFor(SECRET, 'session-1');
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(csrfTokenMatches(SECRET, 'session-1', token)).toBe(true);
    expect(csrfTokenMatches(SECRET, 'session-2', token)).toBe(false);
    expect(csrfTokenMatches(`${SECRET}x`, 'session-1', token)).toBe(false);
  });

  it('rejects a missing, truncated or altered token', () => {
    const token = csrfTokenFor(SECRET, 's');
    expect(csrfTokenMatches(SECRET, 's', undefined)).toBe(false);
    expect(csrfTokenMatches(SECRET, 's', '')).toBe(false);
    expect(csrfTokenMatches(SECRET, 's', token.slice(1))).toBe(false);
    expect(csrfTokenMatches(SECRET, 's', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
  });

  it('is needed for every method that may change state', () => {
    expect(['GET', 'head', 'OPTIONS'].map(needsCsrfToken)).toEqual([false, false, false]);
    expect(['POST', 'PUT', 'patch', 'DELETE'].map(needsCsrfToken)).toEqual([true, true, true, true]);
  });
});
