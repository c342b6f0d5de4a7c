import { CredentialDecryptionError } from './credential-decryption.error';
import { CredentialVault } from './credential-vault';

const KEY_A = Buffer.alloc(32, 0xa1);
const KEY_B = Buffer.alloc(32, 0xb2);
const ROW = {
  workspaceId: '0b7c6c1e-5f07-4c65-9a8e-1f1f3a2b4c5d',
  connectorId: '7d3e2a10-9c1b-4e3f-8a7b-6c5d4e3f2a1b',
};
const TOKEN = 'tiktok-access-token-0123456789abcdef';

function vaultA(): CredentialVault {
  return new CredentialVault({ currentKey: KEY_A, currentKeyId: 'keyA' });
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

// Flips one bit in part `index` of the sealed value, keeping it valid base64url.
function flip(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index], 'base64url');
  bytes[0] ^= 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('CredentialVault', () => {
  it('round-trips a value and produces the self-describing v1 format', () => {
    const vault = vaultA();
    const sealed = vault.encrypt(TOKEN, ROW);

    expect(sealed).toMatch(/^v1\.keyA\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(TOKEN);
    expect(vault.decrypt(sealed, ROW)).toBe(TOKEN);
  });

  it('round-trips non-ASCII and empty values', () => {
    const vault = vaultA();
    expect(vault.decrypt(vault.encrypt('ключ-🔑', ROW), ROW)).toBe('ключ-🔑');
    expect(vault.decrypt(vault.encrypt('', ROW), ROW)).toBe('');
  });

  it('uses a fresh IV for every value, so equal plaintexts never look equal', () => {
    const vault = vaultA();
    const first = vault.encrypt(TOKEN, ROW);
    const second = vault.encrypt(TOKEN, ROW);

    expect(first).not.toBe(second);
    expect(first.split('.')[2]).not.toBe(second.split('.')[2]);
  });

  it('refuses a value copied to another connector or workspace', () => {
    const vault = vaultA();
    const sealed = vault.encrypt(TOKEN, ROW);

    for (const other of [{ ...ROW, connectorId: 'another-connector' }, { ...ROW, workspaceId: 'another-workspace' }]) {
      const error = thrown(() => vault.decrypt(sealed, other));
      expect(error).toBeInstanceOf(CredentialDecryptionError);
      expect(error).toMatchObject({ reason: 'authentication_failed', keyId: 'keyA' });
      expect((error as Error).message).toMatch(/altered, or it belongs to another workspace or connector/);
    }
  });

  it('does not confuse ids that only differ in where they are split', () => {
    const vault = vaultA();
    const sealed = vault.encrypt(TOKEN, { workspaceId: 'ab', connectorId: 'c' });
    expect(() => vault.decrypt(sealed, { workspaceId: 'a', connectorId: 'bc' })).toThrow(CredentialDecryptionError);
  });

  it.each([
    ['ciphertext', 4],
    ['authentication tag', 3],
    ['IV', 2],
  ])('detects a tampered %s', (_part, index) => {
    const vault = vaultA();
    const tampered = flip(vault.encrypt(TOKEN, ROW), index);

    const error = thrown(() => vault.decrypt(tampered, ROW));
    expect(error).toBeInstanceOf(CredentialDecryptionError);
    expect(error).toMatchObject({ reason: 'authentication_failed' });
  });

  it('detects an edited key id in the header, even when it names the same key', () => {
    // One key under two ids: only the authenticated header can tell the values apart.
    const vault = new CredentialVault({
      currentKey: KEY_A,
      currentKeyId: 'keyB',
      previousKey: KEY_A,
      previousKeyId: 'keyA',
    });
    const relabelled = vault.encrypt(TOKEN, ROW).replace('v1.keyB.', 'v1.keyA.');

    expect(() => vault.decrypt(relabelled, ROW)).toThrow(CredentialDecryptionError);
  });

  it.each([
    ['not sealed at all', 'plain-token'],
    ['an unknown version', 'v2.keyA.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA'],
    ['a short IV', 'v1.keyA.AAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA'],
    ['a truncated tag', 'v1.keyA.AAAAAAAAAAAAAAAA.AAAA.AAAA'],
    ['characters outside base64url', 'v1.keyA.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AA+/'],
  ])('reports %s as malformed', (_case, sealed) => {
    const error = thrown(() => vaultA().decrypt(sealed, ROW));
    expect(error).toBeInstanceOf(CredentialDecryptionError);
    expect(error).toMatchObject({ reason: 'malformed' });
  });

  describe('key rotation', () => {
    const rotated = (): CredentialVault =>
      new CredentialVault({ currentKey: KEY_B, currentKeyId: 'keyB', previousKey: KEY_A, previousKeyId: 'keyA' });

    it('opens values sealed under the previous key and flags them for re-encryption', () => {
      const old = vaultA().encrypt(TOKEN, ROW);
      const vault = rotated();

      expect(vault.decrypt(old, ROW)).toBe(TOKEN);
      expect(vault.keyIdOf(old)).toBe('keyA');
    });

    it('re-encrypts under the current key id', () => {
      const vault = rotated();
      const resealed = vault.reEncrypt(vaultA().encrypt(TOKEN, ROW), ROW);

      expect(resealed.split('.')[1]).toBe('keyB');
      expect(vault.keyIdOf(resealed)).toBe(vault.currentKey);
      expect(vault.decrypt(resealed, ROW)).toBe(TOKEN);
      // Once the previous key is dropped, only the re-encrypted value still opens.
      expect(new CredentialVault({ currentKey: KEY_B, currentKeyId: 'keyB' }).decrypt(resealed, ROW)).toBe(TOKEN);
    });

    it('does not re-encrypt a value it cannot verify', () => {
      const old = vaultA().encrypt(TOKEN, ROW);
      expect(() => rotated().reEncrypt(old, { ...ROW, connectorId: 'other' })).toThrow(CredentialDecryptionError);
    });

    it('names the unknown key id and points at CREDENTIALS_KEY_PREVIOUS', () => {
      const old = vaultA().encrypt(TOKEN, ROW);
      const withoutPrevious = new CredentialVault({ currentKey: KEY_B, currentKeyId: 'keyB' });

      const error = thrown(() => withoutPrevious.decrypt(old, ROW));
      expect(error).toBeInstanceOf(CredentialDecryptionError);
      expect(error).toMatchObject({ reason: 'unknown_key', keyId: 'keyA' });
      expect((error as Error).message).toContain('"keyA"');
      expect((error as Error).message).toContain('CREDENTIALS_KEY_PREVIOUS may be missing');
    });

    it('rejects a wrong previous key under the right id as tampering, not as plaintext', () => {
      const old = vaultA().encrypt(TOKEN, ROW);
      const wrongPrevious = new CredentialVault({
        currentKey: KEY_B,
        currentKeyId: 'keyB',
        previousKey: Buffer.alloc(32, 0xcc),
        previousKeyId: 'keyA',
      });
      expect(() => wrongPrevious.decrypt(old, ROW)).toThrow(CredentialDecryptionError);
    });
  });

  describe('construction', () => {
    it('requires 32-byte keys', () => {
      const short = (): CredentialVault => new CredentialVault({ currentKey: Buffer.alloc(16), currentKeyId: 'k' });
      expect(short).toThrow(/32 bytes \(got 16\)/);
    });

    it('requires a previous key and its id together', () => {
      const halfPrevious = (): CredentialVault =>
        new CredentialVault({ currentKey: KEY_B, currentKeyId: 'keyB', previousKey: KEY_A });
      expect(halfPrevious).toThrow(/together/);
    });

    it('refuses key ids that would break the dotted format', () => {
      expect(() => new CredentialVault({ currentKey: KEY_A, currentKeyId: 'key.A' })).toThrow(/key id/);
    });

    it('refuses two different keys under one id', () => {
      const clash = (): CredentialVault =>
        new CredentialVault({ currentKey: KEY_A, currentKeyId: 'same', previousKey: KEY_B, previousKeyId: 'same' });
      expect(clash).toThrow(/share the key id/);
    });

    it('requires both row ids', () => {
      const unbound = (): string => vaultA().encrypt(TOKEN, { workspaceId: '', connectorId: 'c' });
      expect(unbound).toThrow(/workspaceId is required/);
    });
  });
});
