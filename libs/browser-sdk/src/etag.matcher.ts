// If-None-Match uses the weak comparison (RFC 9110 13.1.2): "W/" prefixes are ignored, and "*"
// matches any current representation.
export function ifNoneMatchHits(header: string | undefined, etags: readonly string[]): boolean {
  if (!header) return false;
  for (const raw of header.split(',')) {
    const tag = raw.trim().replace(/^W\//, '');
    if (tag === '*' || etags.includes(tag)) return true;
  }
  return false;
}

// Whether the client names gzip in Accept-Encoding (every browser does); "gzip;q=0" refuses it.
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.toLowerCase().split(';');
    if (coding.trim() !== 'gzip') return false;
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
