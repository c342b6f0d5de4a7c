const HINT_PREFIX = '…';
const VISIBLE_CHARS = 4;
// Below this length the last four characters would give away too much of the token.
const MIN_LENGTH_FOR_SUFFIX = 8;

// What the dashboard shows in place of a stored access token, so a user can tell tokens apart.
export function accessTokenHint(token: string): string {
  const trimmed = token.trim();
  if (trimmed.length < MIN_LENGTH_FOR_SUFFIX) return HINT_PREFIX;
  return `${HINT_PREFIX}${trimmed.slice(-VISIBLE_CHARS)}`;
}
