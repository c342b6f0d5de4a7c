import { isSha256Hex, sha256Hex } from './sha256';

const WHITESPACE = /\s+/g;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const NON_ASCII = /[^\x00-\x7f]/;

// TikTok hashes first_name, last_name and zip_code. TikTok gives no finer rule, so this follows
// TikTok's partner integrations (Segment): drop whitespace, lowercase, SHA-256. NFC so that "é"
// typed as one or as two code points hashes the same.
export function normalizeHashedUserField(value: string | number): string | undefined {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  if (text === '') return undefined;
  if (isSha256Hex(text)) return text.toLowerCase();
  const cleaned = toNfc(text).replace(WHITESPACE, '').toLowerCase();
  return cleaned === '' ? undefined : sha256Hex(cleaned);
}

// city, state and country go to TikTok in plain text: lowercase letters and digits only (any
// script, so "São Paulo" becomes "sãopaulo", not "sopaulo").
export function normalizePlainUserField(value: string): string | undefined {
  const cleaned = toNfc(value).replace(NOT_LETTER_OR_DIGIT, '').toLowerCase();
  return cleaned === '' ? undefined : cleaned;
}

function toNfc(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFC') : text;
}
