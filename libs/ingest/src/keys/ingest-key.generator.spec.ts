import { createHash } from 'node:crypto';
import { generateIngestKey, hashIngestKey, looksLikeIngestKey } from './ingest-key.generator';

describe('generateIngestKey', () => {
  it('makes tl_live_ keys of 43 base62 characters', () => {
    const { key } = generateIngestKey();
    expect(key).toMatch(/^tl_live_[0-9A-Za-z]{43}$/);
    expect(looksLikeIngestKey(key)).toBe(true);
  });

  it('stores only a SHA-256 hash and a short visible prefix', () => {
    const { key, prefix, hash } = generateIngestKey();
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hashIngestKey(key)).toBe(hash);
    expect(prefix).toBe(key.slice(0, 14));
    expect(key.startsWith(prefix)).toBe(true);
  });

  it('never repeats', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateIngestKey().key));
    expect(keys.size).toBe(1000);
  });

  it('recognises malformed keys', () => {
    expect(looksLikeIngestKey('tl_live_short')).toBe(false);
    expect(looksLikeIngestKey(`sk_live_${'a'.repeat(43)}`)).toBe(false);
  });
});
