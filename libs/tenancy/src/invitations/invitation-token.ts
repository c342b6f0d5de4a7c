import { createHash, randomBytes } from 'node:crypto';

export const INVITATION_TOKEN_PREFIX = 'tl_inv_';

// 256 random bits, shown once to the admin who invites; only the SHA-256 is stored, and a fast
// hash is enough for a value that cannot be guessed.
export function generateInvitationToken(): { token: string; hash: string } {
  const token = INVITATION_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// Where the dashboard accepts an invitation; relative, because the api does not know the public
// address it is reached at (and must not trust the Host header to build one).
export function invitationAcceptPath(token: string): string {
  return `/invite/${encodeURIComponent(token)}`;
}
