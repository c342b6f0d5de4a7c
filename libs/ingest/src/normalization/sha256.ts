import { hash } from 'node:crypto';

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

// The one-shot crypto.hash: half the CPU of createHash().update().digest() for values this short.
export function sha256Hex(value: string): string {
  return hash('sha256', value, 'hex');
}

// docs/api.md lets customers send identifiers already hashed; 64 hex characters is TikTok's own test for that.
export function isSha256Hex(value: unknown): boolean {
  return typeof value === 'string' && value.length === 64 && SHA256_HEX.test(value);
}
