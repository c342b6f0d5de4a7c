import type { MetaUserData } from '../user-data/meta-user-data';

// The Conversions API `POST /{version}/{pixel_id}/events` body, snake_case as Meta reads it. Meta
// refuses the whole request for one unknown key on an event (`Unexpected key "x" on param
// "$['data'][0]"`), so these types hold only keys Meta documents.

export interface MetaContent {
  id: string;
  // An integer.
  quantity: number;
  item_price?: number;
}

export interface MetaCustomData {
  // A number (Meta's examples show strings, its SDKs send numbers) and an uppercase ISO 4217 code.
  value?: number;
  currency?: string;
  contents?: MetaContent[];
  content_ids?: string[];
  content_type?: string;
  num_items?: number;
  order_id?: string;
  search_string?: string;
  // custom_data takes custom keys next to the standard ones.
  [customKey: string]: unknown;
}

export interface MetaServerEvent {
  event_name: string;
  // Unix SECONDS; older than 7 days fails the whole request.
  event_time: number;
  action_source: 'website';
  // Shared with the browser pixel's eventID: Meta deduplicates on event_name + event_id.
  event_id: string;
  event_source_url?: string;
  referrer_url?: string;
  user_data: MetaUserData;
  custom_data?: MetaCustomData;
  // Limited Data Use: ["LDU"] with country and state 0 lets Meta geolocate; [] says "not LDU".
  data_processing_options?: string[];
  data_processing_options_country?: number;
  data_processing_options_state?: number;
}

export interface MetaEventsRequest {
  data: MetaServerEvent[];
  // Read only at the top level (Test Events tab). Such events are still used by Meta: it is not a sandbox.
  test_event_code?: string;
}
