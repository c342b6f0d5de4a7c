export type Fields = Record<string, unknown>;

// What the page knows when an event is tracked; gathered by the snippet, kept apart so the
// event shape can be tested without a browser.
export interface PageContext {
  anonymousId: string;
  url: string;
  referrer: string;
  ttclid?: string;
  ttp?: string;
  fbc?: string;
  fbp?: string;
  locale?: string;
  // From identify(): merged under the user fields of each call.
  identified: Fields;
  newId: () => string;
}

export interface BuiltEvent {
  eventId: string;
  body: Fields;
}

// The ingest API rejects a whole event over these limits; cut the page URLs rather than lose it.
const URL_MAX = 8192;

// The Ingest API's event shape (docs/api.md, Ingest API). The event_id comes from the caller (options or
// properties) when given, so an order id shared with the TikTok pixel stays the dedup key.
export function buildEvent(event: unknown, properties: unknown, user: unknown, options: unknown, page: PageContext): BuiltEvent | undefined {
  if (typeof event !== 'string' || event === '') return undefined;
  const props = Object.assign({}, fieldsOf(properties));
  const opts = fieldsOf(options);
  const own = opts.event_id !== undefined ? opts.event_id : props.event_id;
  delete props.event_id;
  const eventId = (typeof own === 'string' && own !== '') || typeof own === 'number' ? String(own) : page.newId();

  const who: Fields = Object.assign({}, page.identified, fieldsOf(user));
  if (page.locale && who.locale === undefined) who.locale = page.locale;
  const where: Fields = { url: page.url.slice(0, URL_MAX) };
  if (page.referrer) where.referrer = page.referrer.slice(0, URL_MAX);
  const cookies: Fields = {};
  if (page.ttp) cookies._ttp = page.ttp;
  if (page.ttclid) cookies.ttclid = page.ttclid;
  if (page.fbc) cookies._fbc = page.fbc;
  if (page.fbp) cookies._fbp = page.fbp;

  const body: Fields = { event, event_id: eventId, anonymous_id: page.anonymousId, user: who, page: where, properties: props, cookies };
  // No event_time by default: the server stamps the receive time, and a browser's clock can be
  // hours off, which would make the event too old or in the future.
  if (opts.event_time !== undefined) body.event_time = opts.event_time;
  if (opts.limited_data_use !== undefined) body.limited_data_use = opts.limited_data_use;
  return { eventId, body };
}

function fieldsOf(value: unknown): Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};
}
