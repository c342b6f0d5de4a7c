import { isSha256Hex, sha256Hex } from './sha256';

// TikTok's rule is trim then SHA-256, without lowercasing: ids like "AbC-1" are case-sensitive.
export function normalizeExternalId(value: string | number): string | undefined {
  const trimmed = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  if (trimmed === '') return undefined;
  if (isSha256Hex(trimmed)) return trimmed.toLowerCase();
  return sha256Hex(trimmed);
}
