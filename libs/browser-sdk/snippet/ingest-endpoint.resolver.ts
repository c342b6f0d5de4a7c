// The script's own API: "https://api.example/v1/sdk.js" sends to "https://api.example/v1/ingest",
// keeping a path prefix when the API sits behind one ("https://shop.example/tl/v1/sdk.js").
export function ingestEndpointFor(scriptSrc: string): string {
  const match = /^(https?:\/\/[^/?#]+)([^?#]*)/i.exec(scriptSrc);
  if (!match) return '';
  const path = match[2];
  return match[1] + (/\/v1\/sdk\.js$/.test(path) ? path.slice(0, -6) + 'ingest' : '/v1/ingest');
}

export function withKey(endpoint: string, key: string): string {
  return endpoint + (endpoint.indexOf('?') < 0 ? '?' : '&') + 'key=' + encodeURIComponent(key);
}
