import { clearedSessionCookie, readCookie, sessionCookie } from './session-cookie';

describe('session cookie', () => {
  it('is httpOnly, SameSite=Strict, scoped to /v1, Secure only over HTTPS', () => {
    expect(sessionCookie('a.b-c_d', { maxAgeSeconds: 3600.7, secure: false })).toBe(
      'tl_session=a.b-c_d; Path=/v1; Max-Age=3600; HttpOnly; SameSite=Strict',
    );
    expect(sessionCookie('a.b', { maxAgeSeconds: 10, secure: true })).toBe('tl_session=a.b; Path=/v1; Max-Age=10; HttpOnly; SameSite=Strict; Secure');
  });

  it('clears with an empty value and Max-Age=0', () => {
    expect(clearedSessionCookie(true)).toBe('tl_session=; Path=/v1; Max-Age=0; HttpOnly; SameSite=Strict; Secure');
  });

  it('refuses a value that would break the header', () => {
    expect(() => sessionCookie('a; Domain=evil', { maxAgeSeconds: 1, secure: false })).toThrow(/cookie value/);
  });

  it('reads one cookie among others, the first occurrence winning', () => {
    expect(readCookie('a=1; tl_session=tok.en; b=2', 'tl_session')).toBe('tok.en');
    expect(readCookie('tl_session=first; tl_session=second', 'tl_session')).toBe('first');
    expect(readCookie('xtl_session=1; tl_session_x=2', 'tl_session')).toBeUndefined();
    expect(readCookie('tl_session=', 'tl_session')).toBeUndefined();
    expect(readCookie('garbage', 'tl_session')).toBeUndefined();
    expect(readCookie(undefined, 'tl_session')).toBeUndefined();
  });
});
