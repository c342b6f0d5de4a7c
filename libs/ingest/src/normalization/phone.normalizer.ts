import type { CountryCode } from 'libphonenumber-js';
import { readPhoneNumber } from '@app/core';
import type { FieldOutcome } from './field-outcome';
import { isSha256Hex, sha256Hex } from './sha256';

const UNREADABLE = 'is not a phone number that can be read as E.164 (add the country code); dropped';

// TikTok's rule: E.164 with the "+" kept ("+12133734253"), except country code 86, which is
// hashed as the national number without it ("13800000000"). National numbers need the
// workspace's default country.
export function normalizePhone(value: string | number, defaultCountry?: CountryCode, field = 'user.phone'): FieldOutcome {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (text === '') return undefined;
  if (isSha256Hex(text)) return text.toLowerCase();

  const phone = readPhoneNumber(text, defaultCountry);
  if (!phone) return { field, message: UNREADABLE };
  return sha256Hex(phone.countryCallingCode === '86' ? phone.nationalNumber : phone.number);
}
