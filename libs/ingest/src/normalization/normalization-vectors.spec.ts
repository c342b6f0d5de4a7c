import { normalizeEmail } from './email.normalizer';
import { normalizeExternalId } from './external-id.normalizer';
import { normalizePhone } from './phone.normalizer';

// Literal SHA-256 vectors (computed outside this code base), so a broken hash helper cannot make
// the other specs pass by agreeing with itself.
describe('normalization vectors', () => {
  it('email: "  John.Doe@Example.COM " -> sha256("john.doe@example.com")', () => {
    expect(normalizeEmail('  John.Doe@Example.COM ')).toBe('836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f');
  });

  it('phone: "(213) 373-4253" in the US -> sha256("+12133734253")', () => {
    expect(normalizePhone('(213) 373-4253', 'US')).toBe('9f7ec22d72092cd3c0b58726ed9c2d91b92e51a3f29837508fb2948bb22dd2fd');
  });

  it('phone: "+86 138 0000 0000" -> sha256("13800000000"), without the country code', () => {
    expect(normalizePhone('+86 138 0000 0000')).toBe('359ea74a80a57accd42a7311ed96eca04f3e631d0ab34ea76808c543240d8a68');
  });

  it('already hashed values pass through, lower-cased', () => {
    const hash = '836F82DB99121B3481011F16B49DFA5FBC714A0D1B1B9F784A1EBBBF5B39577F';
    expect(normalizeEmail(hash)).toBe(hash.toLowerCase());
    expect(normalizePhone(hash)).toBe(hash.toLowerCase());
    expect(normalizeExternalId(hash)).toBe(hash.toLowerCase());
  });

  it('external_id: "  user-42 " -> sha256("user-42")', () => {
    expect(normalizeExternalId('  user-42 ')).toBe('6d894aa3ee802549d7f340e7c1cf0d1c1cb14cd84f768d92ffaa6785337c4997');
  });
});
