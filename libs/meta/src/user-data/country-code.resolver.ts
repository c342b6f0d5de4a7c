import { getCountries } from 'libphonenumber-js';

const NOT_LETTERS = /[^\p{L}]+/gu;
// Only codes libphonenumber knows as countries count, so "EU" or "ZZ" are not taken for one.
const COUNTRY_CODES: ReadonlySet<string> = new Set(getCountries().map((code) => code.toLowerCase()));
// Spellings Intl's English names do not cover but senders use.
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['usa', 'us'],
  ['unitedstatesofamerica', 'us'],
  ['uk', 'gb'],
  ['greatbritain', 'gb'],
]);

let namesToCodes: ReadonlyMap<string, string> | undefined;

// Meta wants the ISO 3166 alpha-2 code in lowercase ("us"); senders also send "US", "United
// States" or "Germany".
export function resolveCountryCode(value: string): string | undefined {
  const key = lettersOnly(value);
  const alias = ALIASES.get(key);
  if (alias !== undefined) return alias;
  if (key.length === 2) return COUNTRY_CODES.has(key) ? key : undefined;
  return englishNames().get(key);
}

function lettersOnly(value: string): string {
  return value.normalize('NFC').toLowerCase().replace(NOT_LETTERS, '');
}

// Built on first use: about 250 lookups in Intl, once per process.
function englishNames(): ReadonlyMap<string, string> {
  if (namesToCodes === undefined) {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    const table = new Map<string, string>();
    for (const code of COUNTRY_CODES) {
      const name = names.of(code.toUpperCase());
      if (name !== undefined) table.set(lettersOnly(name), code);
    }
    namesToCodes = table;
  }
  return namesToCodes;
}
