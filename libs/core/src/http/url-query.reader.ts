// Reads one query parameter of a page URL by scanning the text rather than building a URL object:
// most events carry no click id, and this never throws on malformed URLs. Everything after the
// first "?" counts, including a query inside the fragment, because hash-routed single-page sites
// land on "https://shop/#/p?ttclid=...". The value is URL-decoded once and otherwise kept exactly:
// a "+" stays a "+" (click ids hold no spaces, but a sloppily encoded one may hold a "+").
export function readQueryParam(url: string, name: string): string | undefined {
  const key = `${name}=`;
  const query = url.indexOf('?');
  if (query < 0) return undefined;
  let at = url.indexOf(key, query + 1);
  while (at >= 0) {
    const before = url.charCodeAt(at - 1);
    // "?", "&", "#": the key starts there; otherwise this is the tail of another key (utm_ttclid=).
    if (before === 0x3f || before === 0x26 || before === 0x23) {
      const start = at + key.length;
      let end = start;
      while (end < url.length && url.charCodeAt(end) !== 0x26 && url.charCodeAt(end) !== 0x23) end++;
      const value = decodeOnce(url.slice(start, end));
      if (value.trim() !== '') return value;
    }
    at = url.indexOf(key, at + key.length);
  }
  return undefined;
}

function decodeOnce(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    // A broken escape is more likely a sloppy encoder than a different value; keep it as sent.
    return value;
  }
}
