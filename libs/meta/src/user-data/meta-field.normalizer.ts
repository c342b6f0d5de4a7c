import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { readPhoneNumber, toDefaultCountry } from '@app/core';
import { resolveCountryCode } from './country-code.resolver';
import type { MetaFieldProblem } from './meta-user-data';
import { US_STATE_CODES } from './us-state.codes';

// Meta's normalization before hashing, one rule per user_data key. Each gives the value to send,
// nothing (absent or empty: Meta must never get the hash of ""), or why a value was dropped.
export type MetaFieldOutcome = string | undefined | MetaFieldProblem;

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const PUNCTUATION_OR_SPACE = /[\p{P}\s]+/gu;
const NOT_LETTER = /[^\p{L}\p{M}]+/gu;
const ZIP_SEPARATORS = /[\s-]+/g;
const US_ZIP = /^\d{5}/;
// ZIP+4 is unmistakably American even when the event names no country.
const US_ZIP_PLUS_4 = /^\d{5}-\d{4}$/;
const NON_ASCII = /[^\x00-\x7f]/;

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

// A value that already is a SHA-256 hex digest was hashed by the sender: passed through, lowercased.
function alreadyHashed(text: string): string | undefined {
  return SHA256_HEX.test(text) ? text.toLowerCase() : undefined;
}

function hashNonEmpty(normalized: string): string | undefined {
  return normalized === '' ? undefined : sha256Hex(normalized);
}

function plainText(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const trimmed = value.trim();
  // NFC so that "é" typed as one or as two code points hashes the same.
  return NON_ASCII.test(trimmed) ? trimmed.normalize('NFC') : trimmed;
}

// em: trim, lowercase.
export function normalizeMetaEmail(value: string, field: string): MetaFieldOutcome {
  const text = plainText(value);
  if (text === '') return undefined;
  const hashed = alreadyHashed(text);
  if (hashed !== undefined) return hashed;
  if (!text.includes('@')) return { field, message: 'is neither an email address nor a SHA-256 hash; dropped for Meta' };
  return sha256Hex(text.toLowerCase());
}

// ph: digits only with the country code, no "+", no leading zeros ("(650) 555-1212" in the US is
// "16505551212"). A national number without a default country cannot get its code, and a hash of
// the bare national digits would never match, so it is dropped.
export function normalizeMetaPhone(value: string | number, defaultCountry: string | undefined, field: string): MetaFieldOutcome {
  const text = plainText(value);
  if (text === '') return undefined;
  const hashed = alreadyHashed(text);
  if (hashed !== undefined) return hashed;
  const phone = readPhoneNumber(text, toDefaultCountry(defaultCountry));
  if (phone === undefined) {
    return { field, message: 'is not a phone number with a country code (add it, or set the default country); dropped for Meta' };
  }
  return sha256Hex(`${phone.countryCallingCode}${phone.nationalNumber}`);
}

// external_id: trimmed and, hashed, lowercased as Meta's SDK and its partners do; raw when the
// connector matches a pixel that sends it raw.
export function normalizeMetaExternalId(value: string | number, form: 'hashed' | 'raw'): string | undefined {
  const text = plainText(value);
  if (text === '') return undefined;
  if (form === 'raw') return text;
  return alreadyHashed(text) ?? sha256Hex(text.toLowerCase());
}

// fn, ln: lowercase, no punctuation and no spaces, any script kept ("Mary-Ann" -> "maryann").
export function normalizeMetaName(value: string): string | undefined {
  const text = plainText(value);
  return alreadyHashed(text) ?? hashNonEmpty(text.toLowerCase().replace(PUNCTUATION_OR_SPACE, ''));
}

// ct: lowercase letters only, any script kept ("New York" -> "newyork", "São Paulo" -> "sãopaulo").
export function normalizeMetaCity(value: string): string | undefined {
  const text = plainText(value);
  return alreadyHashed(text) ?? hashNonEmpty(lettersOnly(text));
}

// st: the 2-letter code in lowercase in the US ("California" -> "ca"); elsewhere like a city.
export function normalizeMetaState(value: string, country: string | undefined): string | undefined {
  const text = plainText(value);
  const hashed = alreadyHashed(text);
  if (hashed !== undefined) return hashed;
  const letters = lettersOnly(text);
  return hashNonEmpty(country === 'us' ? (US_STATE_CODES.get(letters) ?? letters) : letters);
}

// zp: lowercase, no spaces or dashes; US zips are their first 5 digits ("94107-1234" -> "94107",
// "M1 1AE" -> "m11ae").
export function normalizeMetaZip(value: string | number, country: string | undefined): string | undefined {
  const text = plainText(value);
  const hashed = alreadyHashed(text);
  if (hashed !== undefined) return hashed;
  const cleaned = text.toLowerCase().replace(ZIP_SEPARATORS, '');
  const american = country === 'us' || (country === undefined && US_ZIP_PLUS_4.test(text));
  return hashNonEmpty(american && US_ZIP.test(cleaned) ? cleaned.slice(0, 5) : cleaned);
}

// country: the ISO 3166 alpha-2 code in lowercase, hashed.
export function normalizeMetaCountry(value: string, field: string): MetaFieldOutcome {
  const text = plainText(value);
  if (text === '') return undefined;
  const hashed = alreadyHashed(text);
  if (hashed !== undefined) return hashed;
  const code = resolveCountryCode(text);
  if (code === undefined) return { field, message: 'is not an ISO 3166 country code or an English country name; dropped for Meta' };
  return sha256Hex(code);
}

// client_ip_address must be a valid IPv4 or IPv6 address; Meta refuses anything else.
export function normalizeMetaIp(value: string, field: string): MetaFieldOutcome {
  const text = value.trim();
  if (text === '') return undefined;
  return isIP(text) === 0 ? { field, message: 'is not an IPv4 or IPv6 address; dropped for Meta' } : text;
}

function lettersOnly(text: string): string {
  return text.toLowerCase().replace(NOT_LETTER, '');
}

// The plain country an event's state and zip are read with: its own, else the default.
export function countryForAddressRules(country: string | null | undefined, defaultCountry: string | undefined): string | undefined {
  const own = typeof country === 'string' && !SHA256_HEX.test(country.trim()) ? resolveCountryCode(country) : undefined;
  if (own !== undefined) return own;
  return defaultCountry === undefined ? undefined : resolveCountryCode(defaultCountry);
}
