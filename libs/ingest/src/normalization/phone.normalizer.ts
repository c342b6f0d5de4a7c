import { CountryCode, isSupportedCountry, parsePhoneNumberFromString, PhoneNumber } from 'libphonenumber-js';
import type { FieldOutcome } from './field-outcome';
import { isSha256Hex, sha256Hex } from './sha256';

const FORMATTED_DIGITS = /^[\d\s().\-/]+$/;
const NOT_DIGITS = /\D/g;
const UNREADABLE = 'is not a phone number that can be read as E.164 (add the country code); dropped';

// A workspace setting may hold anything; an unknown code must not make every number unparseable.
export function toDefaultCountry(country: string | undefined): CountryCode | undefined {
  if (!country) return undefined;
  const code = country.trim().toUpperCase();
  return isSupportedCountry(code) ? code : undefined;
}

// TikTok's rule: E.164 with the "+" kept ("+12133734253"), except country code 86, which is
// hashed as the national number without it ("13800000000"). National numbers need the
// workspace's default country.
export function normalizePhone(value: string | number, defaultCountry?: CountryCode, field = 'user.phone'): FieldOutcome {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (text === '') return undefined;
  if (isSha256Hex(text)) return text.toLowerCase();

  const phone = parsePhone(text, defaultCountry);
  if (!phone) return { field, message: UNREADABLE };
  return sha256Hex(phone.countryCallingCode === '86' ? phone.nationalNumber : phone.number);
}

function parsePhone(text: string, defaultCountry: CountryCode | undefined): PhoneNumber | undefined {
  // extract:false so that a number is never fished out of free text that merely contains one.
  const parsed = parsePhoneNumberFromString(text, { defaultCountry, extract: false });
  if (parsed?.isPossible()) return parsed;
  // Many systems store international numbers as bare digits ("12133734253"); read those as if
  // they had the "+", but only when that gives a fully valid number, since it is a guess.
  if (text[0] !== '+' && FORMATTED_DIGITS.test(text)) {
    const international = parsePhoneNumberFromString(`+${text.replace(NOT_DIGITS, '')}`, { extract: false });
    if (international?.isValid()) return international;
  }
  return undefined;
}
