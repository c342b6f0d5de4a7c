import type { FieldOutcome } from './field-outcome';
import { isSha256Hex, sha256Hex } from './sha256';

// TikTok's rule: trim, lowercase, SHA-256. A value that is already a hash passes through.
export function normalizeEmail(value: string, field = 'user.email'): FieldOutcome {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (isSha256Hex(trimmed)) return trimmed.toLowerCase();
  if (!trimmed.includes('@')) return { field, message: 'is neither an email address nor a SHA-256 hash; dropped' };
  return sha256Hex(trimmed.toLowerCase());
}
