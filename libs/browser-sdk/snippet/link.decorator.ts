// Appends each present parameter to the URL's query (before any fragment), replacing an older
// value of the same name so a link decorated twice still carries one of each.
export function decorateUrl(url: string, params: Array<[string, string | undefined]>): string {
  const hashAt = url.indexOf('#');
  let base = hashAt < 0 ? url : url.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : url.slice(hashAt);
  for (const [name, value] of params) {
    if (!value) continue;
    base = withoutParam(base, name);
    const last = base.charAt(base.length - 1);
    base += (base.indexOf('?') < 0 ? '?' : last === '?' || last === '&' ? '' : '&') + name + '=' + encodeURIComponent(value);
  }
  return base + hash;
}

function withoutParam(url: string, name: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const kept = url
    .slice(query + 1)
    .split('&')
    .filter((part) => part !== name && part.indexOf(name + '=') !== 0);
  return url.slice(0, query) + (kept.length > 0 ? '?' + kept.join('&') : '');
}
