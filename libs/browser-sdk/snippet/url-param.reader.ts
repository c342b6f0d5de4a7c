// Everything after the first "?" counts, including a query inside the fragment, because
// hash-routed single-page sites land on "https://shop/#/p?ttclid=...". Same reading as the
// server's click-id extractor: a "+" stays a "+" (a ttclid never holds spaces).
export function readUrlParam(url: string, name: string): string | undefined {
  const query = url.indexOf('?');
  if (query < 0) return undefined;
  for (const part of url.slice(query + 1).split(/[&#?]/)) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === name) {
      const value = safeDecode(part.slice(eq + 1)).trim();
      if (value) return value;
    }
  }
  return undefined;
}

export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A broken escape is more likely a sloppy encoder than a different value; keep it as sent.
    return value;
  }
}
