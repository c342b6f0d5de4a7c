// The TikTok Events API v1.3 `event/track/` request body, snake_case as TikTok reads it.

export interface TikTokUser {
  // SHA-256 lowercase hex; TikTok takes a string or an array, TrackLayer always sends arrays.
  email?: string[];
  phone?: string[];
  external_id?: string[];
  first_name?: string;
  last_name?: string;
  zip_code?: string;
  city?: string;
  state?: string;
  country?: string;
  // Raw, never hashed.
  ttclid?: string;
  ttp?: string;
  ip?: string;
  user_agent?: string;
  locale?: string;
}

export interface TikTokPage {
  url?: string;
  referrer?: string;
}

export interface TikTokContent {
  // A number here is rejected with 40002, so it is always a string.
  content_id?: string;
  content_name?: string;
  content_category?: string;
  price?: number;
  quantity?: number;
  brand?: string;
  content_type?: string;
}

export interface TikTokProperties {
  value?: number;
  currency?: string;
  contents?: TikTokContent[];
  content_type?: string;
  num_items?: number;
  order_id?: string;
  query?: string;
  description?: string;
  // TikTok accepts arbitrary custom property keys next to the standard ones.
  [customKey: string]: unknown;
}

export interface TikTokEvent {
  event: string;
  // Unix seconds.
  event_time: number;
  // A number is rejected with 40002 "not a valid string".
  event_id: string;
  user?: TikTokUser;
  page?: TikTokPage;
  properties?: TikTokProperties;
  limited_data_use?: boolean;
}

export interface TikTokTrackRequest {
  event_source: 'web';
  event_source_id: string;
  // Only read at the top level; inside data[] TikTok ignores it and the event goes live.
  test_event_code?: string;
  data: TikTokEvent[];
}
