import { accessTokenHint } from './access-token-hint';

describe('accessTokenHint', () => {
  it('shows only the last four characters of a token', () => {
    expect(accessTokenHint('abcdef0123456789wxyz')).toBe('…wxyz');
  });

  it('shows the suffix from eight characters on', () => {
    expect(accessTokenHint('12345678')).toBe('…5678');
  });

  it('shows nothing of a token shorter than eight characters', () => {
    expect(accessTokenHint('1234567')).toBe('…');
    expect(accessTokenHint('')).toBe('…');
  });

  it('ignores surrounding whitespace', () => {
    expect(accessTokenHint('  abcdefgh1234 \n')).toBe('…1234');
  });
});
