import { hash, randomBytes } from 'node:crypto';

export const INGEST_KEY_PREFIX = 'tl_live_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// 32 random bytes need at most 43 base62 digits; a fixed length makes keys easy to recognise.
const BODY_LENGTH = 43;
// Shown in lists so users can tell keys apart; 8 + 6 characters reveal only 6 of 43 random digits.
const VISIBLE_PREFIX_LENGTH = INGEST_KEY_PREFIX.length + 6;

export interface GeneratedIngestKey {
  key: string;
  prefix: string;
  hash: string;
}

export function generateIngestKey(): GeneratedIngestKey {
  const key = INGEST_KEY_PREFIX + toBase62(randomBytes(32));
  return { key, prefix: key.slice(0, VISIBLE_PREFIX_LENGTH), hash: hashIngestKey(key) };
}

// A fast hash is enough: the key has 256 bits of entropy, so there is nothing to brute-force,
// and the ingest hot path looks keys up by this hash.
export function hashIngestKey(key: string): string {
  return hash('sha256', key, 'hex');
}

export function looksLikeIngestKey(value: string): boolean {
  return value.startsWith(INGEST_KEY_PREFIX) && value.length === INGEST_KEY_PREFIX.length + BODY_LENGTH;
}

function toBase62(bytes: Buffer): string {
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  while (value > 0n) {
    out = BASE62[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out.padStart(BODY_LENGTH, '0');
}
