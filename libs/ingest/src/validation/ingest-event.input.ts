// One event as customers send it to POST /v1/ingest (docs/api.md), after validateIngestEvent has
// checked its types. Snake_case like TikTok's own body. Optional fields may also be null, which
// many SDKs send for "unknown" and which counts as absent. Unknown keys are allowed and ignored,
// except in properties, where they are the customer's custom properties.
import type { PlatformUserInput } from '@app/platforms';

// The plain identifiers (email, phone, external_id, names, address) are the platform contract's
// PlatformUserInput, which a platform with hashing rules of its own (Meta) is given.
export interface IngestUserInput extends PlatformUserInput {
  ip?: string | null;
  user_agent?: string | null;
  locale?: string | null;
  ttclid?: string | null;
  ttp?: string | null;
  // Meta's fbc (`fb.1.<ms>.<fbclid>`) and fbp, raw.
  fbc?: string | null;
  fbp?: string | null;
}

export interface IngestPageInput {
  url?: string | null;
  referrer?: string | null;
}

// Item keys of GA4 and Segment (item_id, product_id, sku, item_name, name, item_category,
// category, item_brand) are accepted as aliases of TikTok's, as TikTok's own documentation names them.
export interface IngestContentInput {
  content_id?: string | number | null;
  content_name?: string | null;
  content_category?: string | null;
  price?: number | string | null;
  quantity?: number | string | null;
  brand?: string | null;
  content_type?: string | null;
  [alias: string]: unknown;
}

export interface IngestPropertiesInput {
  value?: number | string | null;
  currency?: string | null;
  order_id?: string | number | null;
  content_type?: string | null;
  contents?: IngestContentInput[] | null;
  // Read only when contents is absent: GA4 sends `items`, Segment `products`.
  items?: IngestContentInput[] | null;
  products?: IngestContentInput[] | null;
  content_ids?: (string | number)[] | null;
  query?: string | null;
  description?: string | null;
  [custom: string]: unknown;
}

export interface IngestCookiesInput {
  _ttp?: string | null;
  ttclid?: string | null;
  _fbc?: string | null;
  _fbp?: string | null;
  [other: string]: unknown;
}

export interface IngestEventInput {
  event: string;
  event_id?: string | number | null;
  event_time?: number | string | null;
  anonymous_id?: string | null;
  user?: IngestUserInput | null;
  page?: IngestPageInput | null;
  properties?: IngestPropertiesInput | null;
  cookies?: IngestCookiesInput | null;
  limited_data_use?: boolean | null;
}
