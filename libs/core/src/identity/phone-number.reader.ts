import { CountryCode, isSupportedCountry, parsePhoneNumberFromString, PhoneNumber } from 'libphonenumber-js';

const FORMATTED_DIGITS = /^[\d\s().\-/]+$/;
const NOT_DIGITS = /\D/g;

// A workspace or connector setting may hold anything; an unknown code must not make every number unparseable.
export function toDefaultCountry(country: string | undefined): CountryCode | undefined {
  if (!country) return undefined;
  const code = country.trim().toUpperCase();
  return isSupportedCountry(code) ? code : undefined;
}

// Reads a phone number the way every platform's normalization needs it: with its country, from
// international or national spelling. Each platform then writes it its own way (TikTok "+1213...",
// Meta "1213..."). National numbers need the workspace's default country.
export function readPhoneNumber(text: string, defaultCountry: CountryCode | undefined): PhoneNumber | undefined {
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
