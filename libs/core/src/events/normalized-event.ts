// The one internal shape of an accepted event, shared by ingest (which builds it), the events
// table (which stores it as jsonb) and platform mappers (which turn it into a platform request).
// Identity fields are already normalized and SHA-256 hashed here; nothing downstream hashes again.

export type TtclidSource = 'url' | 'referrer' | 'cookie' | 'user' | 'restored';
export type TtpSource = 'cookie' | 'user' | 'restored';
export type FbcSource = 'url' | 'referrer' | 'cookie' | 'user' | 'restored';
export type FbpSource = 'cookie' | 'user' | 'restored';
export type ClickIdSource = 'url' | 'referrer' | 'cookie' | 'user' | 'restored';

// A click id the event carries, of any kind a platform declares, and where it came from.
export interface CarriedClickId {
  value: string;
  source: ClickIdSource;
}

export interface NormalizedUser {
  email?: string[];
  phone?: string[];
  externalId?: string[];
  firstName?: string;
  lastName?: string;
  zipCode?: string;
  city?: string;
  state?: string;
  country?: string;
  ip?: string;
  userAgent?: string;
  locale?: string;
  ttclid?: string;
  ttp?: string;
  // Meta's click id (`fb.<index>.<ms>.<fbclid>`) and browser id as the `_fbc`/`_fbp` cookies hold
  // them: raw, never hashed, whichever platforms the workspace delivers to.
  fbc?: string;
  fbp?: string;
}

export interface NormalizedContent {
  contentId?: string;
  contentName?: string;
  contentCategory?: string;
  price?: number;
  quantity?: number;
  brand?: string;
  // `product` or `product_group`, when the item says which its content_id is.
  contentType?: string;
}

export interface NormalizedProperties {
  value?: number;
  currency?: string;
  orderId?: string;
  contentType?: string;
  contents?: NormalizedContent[];
  query?: string;
  description?: string;
  // Keys the customer sent that have no standard meaning; forwarded as TikTok custom properties.
  custom?: Record<string, unknown>;
}

export interface NormalizedEvent {
  // The source event name exactly as sent; platform names are decided per connector at delivery.
  eventName: string;
  eventId: string;
  eventIdSource: 'client' | 'derived';
  // Unix seconds.
  eventTime: number;
  anonymousId?: string;
  user: NormalizedUser;
  page?: { url?: string; referrer?: string };
  properties: NormalizedProperties;
  limitedDataUse?: boolean;
  clickIds: { ttclidSource?: TtclidSource; ttpSource?: TtpSource; fbcSource?: FbcSource; fbpSource?: FbpSource };
  // Kind (ttclid, ttp, fbc, fbp, ...) -> the click id the event carries, captured or restored.
  // Events stored before it existed lack it; their values are in `user` and `clickIds` above.
  clickIdsByKind?: Record<string, CarriedClickId>;
  // Platform id -> that platform's own hashes of the event's identifiers, for a platform whose
  // normalization differs from the fields above (Meta: phone without "+", hashed city and country).
  // Hashes only; made at ingest by the platform's normalizeUser. Older events lack it.
  platformUser?: Record<string, Record<string, unknown>>;
  // Where a drop-in event came from (Segment, GA4), and what of the source message TrackLayer did
  // not read, kept with the stored event (never sent to a platform).
  source?: EventSource;
}

export interface EventSource {
  format: 'segment' | 'ga4';
  // The source call: track, page, screen (Segment) or the GA4 event name's call, `event`.
  type: string;
  // context.library.name, when the sender named itself.
  library?: string;
  unread?: Record<string, unknown>;
}

// The kinds that also have their own `user` field and source in `clickIds`, kept for the readers
// of those (mappers, the events debugger, events stored before `clickIdsByKind`).
const USER_FIELD_KINDS = ['ttclid', 'ttp', 'fbc', 'fbp'] as const;
type UserFieldKind = (typeof USER_FIELD_KINDS)[number];

function isUserFieldKind(kind: string): kind is UserFieldKind {
  return (USER_FIELD_KINDS as readonly string[]).includes(kind);
}

// Puts a click id on the event: in the map, and in the kind's own fields when it has them.
export function setClickId(event: NormalizedEvent, kind: string, value: string, source: ClickIdSource): void {
  event.clickIdsByKind = { ...event.clickIdsByKind, [kind]: { value, source } };
  if (!isUserFieldKind(kind)) return;
  event.user[kind] = value;
  // Each kind's own source type is the subset of ClickIdSource its extractor can produce.
  (event.clickIds as Record<string, ClickIdSource>)[`${kind}Source`] = source;
}
