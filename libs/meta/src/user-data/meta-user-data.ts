// Meta's `user_data` object as TrackLayer sends it, and the plain identifiers it is made from.
import type { PlatformUserInput } from '@app/platforms';

// SHA-256 lowercase hex after Meta's normalization; Meta takes a string or an array for each.
// TrackLayer sends arrays for the identifiers a person can have several of.
export interface MetaHashedUserData {
  em?: string[];
  ph?: string[];
  // Hashed by default; a connector may send it raw (Meta allows both; match the pixel's form).
  external_id?: string[];
  fn?: string;
  ln?: string;
  ct?: string;
  st?: string;
  zp?: string;
  // Hashed at Meta (TikTok takes it plain).
  country?: string;
}

// Sent raw, never hashed.
export interface MetaRawUserData {
  client_ip_address?: string;
  client_user_agent?: string;
  fbc?: string;
  fbp?: string;
}

export type MetaUserData = MetaHashedUserData & MetaRawUserData;

// The identifiers as an event arrives with them: the platform contract's plain `user` fields
// (PlatformUserInput), plus the event's resolved ip, user agent and Meta click ids.
export interface MetaUserInput extends PlatformUserInput {
  ip?: string | null;
  user_agent?: string | null;
  fbc?: string | null;
  fbp?: string | null;
}

export type PlainIdentifier<T> = T | T[] | null;

export interface MetaNormalizationSettings {
  // ISO 3166 alpha-2 of the connector or workspace: reads national phone numbers ("(650) 555-1212")
  // and applies the US rules for state and zip when the event names no country.
  defaultCountry?: string;
  externalId: 'hashed' | 'raw';
}

// Why one value could not be used; the rest of the event still goes out. Same shape as ingest's
// field problems, so ingest can return these as warnings.
export interface MetaFieldProblem {
  field: string;
  message: string;
}

export interface MetaUserDataNormalization {
  userData: MetaUserData;
  warnings: MetaFieldProblem[];
}
