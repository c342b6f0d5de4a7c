// Query parameters that carry secrets: ingest keys (?key= for sendBeacon), drop-in write keys and
// API secrets, tokens. Compared after percent-decoding, case-insensitively and without a
// trailing [..], so `?%6Bey=`, `?KEY=` or `?key[]=` are caught like `?key=`.
const SECRET_PARAMETERS = new Set(['key', 'writekey', 'write_key', 'api_secret', 'token', 'access_token', 'accesstoken', 'password', 'secret']);
// Path segments that are secrets: the one after each of these prefixes (an invitation token on
// the api and on the dashboard's accept page, a Segment write key).
const SECRET_SEGMENT_AFTER: ReadonlyArray<readonly string[]> = [['v1', 'invitations'], ['invite'], ['v1', 'projects']];
const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;
const REDACTED = '[Redacted]';

// For log lines: the URL with its secrets replaced. Works on request URLs (`/path?query`) and on
// absolute ones (a Referer header).
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const origin = ORIGIN.exec(url)?.[0] ?? '';
  const rest = url.slice(origin.length);
  const hashAt = rest.indexOf('#');
  const beforeHash = hashAt < 0 ? rest : rest.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const path = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt < 0 ? undefined : beforeHash.slice(queryAt + 1);
  return origin + redactPath(path) + (query === undefined ? '' : `?${redactQuery(query)}`);
}

function redactPath(path: string): string {
  const segments = path.split('/');
  const decoded = segments.map((segment) => decode(segment).toLowerCase());
  for (let i = 0; i < segments.length; i++) {
    for (const prefix of SECRET_SEGMENT_AFTER) {
      const start = i - prefix.length;
      if (start >= 1 && prefix.every((part, j) => decoded[start + j] === part) && segments[i] !== '') segments[i] = REDACTED;
    }
  }
  return segments.join('/');
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      const plain = decode(name.replace(/\+/g, ' '))
        .trim()
        .toLowerCase()
        .replace(/\[[^\]]*\]$/, '');
      return SECRET_PARAMETERS.has(plain) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

// A malformed escape is left as it is (and so compared as it is).
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
