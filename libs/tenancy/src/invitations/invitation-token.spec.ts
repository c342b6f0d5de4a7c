import { createHash } from 'node:crypto';
import { generateInvitationToken, hashInvitationToken, invitationAcceptPath } from './invitation-token';

describe('invitation tokens', () => {
  it('are long random URL-safe values stored only as SHA-256', () => {
    const { token, hash } = generateInvitationToken();
    expect(token).toMatch(/^tl_inv_[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashInvitationToken(token)).toBe(hash);
    expect(generateInvitationToken().token).not.toBe(token);
  });

  it('make a relative dashboard path', () => {
    expect(invitationAcceptPath('tl_inv_abc-_1')).toBe('/invite/tl_inv_abc-_1');
  });
});
