// Whether the request's own IP address and User-Agent describe the visitor. They do when a browser
// sent the event (the snippet, a sendBeacon, analytics.js, RudderStack's JavaScript SDK); they do
// not when a server did (analytics-node, rudder-sdk-node, a backend calling /v1/ingest), where they
// are the merchant server's address and the HTTP library's name, and sending them to TikTok would
// match every event to one "visitor".

// context.library.name of the JavaScript libraries that run in the visitor's browser.
const BROWSER_LIBRARIES: ReadonlySet<string> = new Set([
  'analytics.js',
  'analytics-next',
  'RudderLabs JavaScript SDK',
  '@rudderstack/analytics-js',
  'tracklayer.js',
]);

export type SenderKind = 'browser' | 'server';

interface HeaderBag {
  headers: Record<string, string | string[] | undefined>;
}

// Browsers add Origin to every POST made by fetch, XMLHttpRequest and sendBeacon, and Sec-Fetch-Mode
// to every request; server HTTP libraries send neither unless told to.
export function requestComesFromBrowser(request: HeaderBag): boolean {
  return request.headers.origin !== undefined || request.headers['sec-fetch-mode'] !== undefined;
}

// What a drop-in message says about its sender wins over what the request looks like: a named
// library is a browser library or it is not; Segment's context.direct marks a call made straight
// from the device. Only a message that names nothing is judged by its request.
export function classifySender(library: string | undefined, direct: boolean, requestFromBrowser: boolean): SenderKind {
  if (direct) return 'browser';
  if (library !== undefined) return BROWSER_LIBRARIES.has(library) ? 'browser' : 'server';
  return requestFromBrowser ? 'browser' : 'server';
}
