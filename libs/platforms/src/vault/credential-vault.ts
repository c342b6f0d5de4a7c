import { createCipheriv, createDecipheriv, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { CredentialDecryptionError } from './credential-decryption.error';

export interface CredentialVaultOptions {
  currentKey: Buffer;
  currentKeyId: string;
  previousKey?: Buffer;
  previousKeyId?: string;
}

// The row a credential belongs to. Bound in as additional authenticated data, so a ciphertext
// copied into another workspace's or connector's row fails to decrypt instead of leaking a token.
export interface CredentialContext {
  workspaceId: string;
  connectorId: string;
}

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
// 96-bit IVs are GCM's native size; random ones are safe far beyond the number of tokens we store.
const IV_BYTES = 12;
const TAG_BYTES = 16;
// The sealed format is dot-separated, so a key id must not contain a dot.
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

interface Sealed {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

// Seals platform credentials as `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id
// lets a deployment rotate CREDENTIALS_KEY: values sealed under the previous key still open, and
// reEncrypt() moves them to the current one.
export class CredentialVault {
  private readonly currentKeyId: string;
  private readonly keys = new Map<string, KeyObject>();

  constructor(options: CredentialVaultOptions) {
    this.currentKeyId = options.currentKeyId;
    this.keys.set(options.currentKeyId, toKey(options.currentKey, options.currentKeyId, 'currentKey'));

    const { previousKey, previousKeyId } = options;
    if ((previousKey === undefined) !== (previousKeyId === undefined)) {
      throw new Error('CredentialVault needs previousKey and previousKeyId together, or neither');
    }
    if (previousKey !== undefined && previousKeyId !== undefined) {
      const previous = toKey(previousKey, previousKeyId, 'previousKey');
      if (previousKeyId === options.currentKeyId) {
        // Same id for two keys would make every value sealed under one of them undecryptable.
        if (!previous.equals(this.keys.get(previousKeyId) as KeyObject)) {
          throw new Error(
            `CredentialVault: the current and previous keys differ but share the key id "${previousKeyId}"`,
          );
        }
      } else {
        this.keys.set(previousKeyId, previous);
      }
    }
  }

  encrypt(plaintext: string, context: CredentialContext): string {
    const iv = randomBytes(IV_BYTES);
    const key = this.keys.get(this.currentKeyId) as KeyObject;
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(this.currentKeyId, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.currentKeyId, b64url(iv), b64url(tag), b64url(ciphertext)].join('.');
  }

  decrypt(sealed: string, context: CredentialContext): string {
    const parts = parse(sealed);
    const key = this.keys.get(parts.keyId);
    if (key === undefined) {
      throw new CredentialDecryptionError(
        'unknown_key',
        `The credential was encrypted with key id "${parts.keyId}", which is neither the current key ` +
          `("${this.currentKeyId}") nor the previous one; if CREDENTIALS_KEY was rotated, ` +
          'CREDENTIALS_KEY_PREVIOUS may be missing or wrong',
        parts.keyId,
      );
    }
    const decipher = createDecipheriv(ALGORITHM, key, parts.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(parts.keyId, context));
    decipher.setAuthTag(parts.tag);
    try {
      return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new CredentialDecryptionError(
        'authentication_failed',
        `The credential (key id "${parts.keyId}") failed authentication: it was altered, or it belongs ` +
          `to another workspace or connector than ${context.workspaceId}/${context.connectorId}`,
        parts.keyId,
      );
    }
  }

  keyIdOf(sealed: string): string {
    return parse(sealed).keyId;
  }

  get currentKey(): string {
    return this.currentKeyId;
  }

  // Always opens the value first, so a rotation job never re-seals something it could not verify.
  reEncrypt(sealed: string, context: CredentialContext): string {
    return this.encrypt(this.decrypt(sealed, context), context);
  }
}

function toKey(key: Buffer, keyId: string, name: string): KeyObject {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    const got = Buffer.isBuffer(key) ? key.length : typeof key;
    throw new Error(`CredentialVault: ${name} must be ${KEY_BYTES} bytes (got ${got})`);
  }
  if (!KEY_ID.test(keyId)) {
    throw new Error(`CredentialVault: key id "${keyId}" must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -`);
  }
  return createSecretKey(key);
}

// JSON keeps the fields unambiguous (no id can run into the next). The version and key id are
// authenticated too, so the header of a sealed value cannot be edited either.
function additionalData(keyId: string, context: CredentialContext): Buffer {
  for (const field of ['workspaceId', 'connectorId'] as const) {
    if (typeof context[field] !== 'string' || context[field] === '') {
      throw new Error(`CredentialVault: ${field} is required to bind a credential to its row`);
    }
  }
  return Buffer.from(JSON.stringify([VERSION, keyId, context.workspaceId, context.connectorId]), 'utf8');
}

function parse(sealed: string): Sealed {
  const parts = typeof sealed === 'string' ? sealed.split('.') : [];
  const malformed = (why: string): CredentialDecryptionError =>
    new CredentialDecryptionError('malformed', `The stored credential is not a sealed ${VERSION} value: ${why}`);

  if (parts.length !== 5) throw malformed(`expected 5 dot-separated parts, got ${parts.length}`);
  const [version, keyId, iv, tag, ciphertext] = parts;
  if (version !== VERSION) throw malformed(`unknown format version "${version.slice(0, 16)}"`);
  if (!KEY_ID.test(keyId)) throw malformed('the key id is invalid');
  // Node's base64url decoder skips characters it does not know; check first so garbage is not read as bytes.
  if (![iv, tag, ciphertext].every((part) => BASE64URL.test(part))) throw malformed('a part is not base64url');

  const sealedValue = {
    keyId,
    iv: Buffer.from(iv, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
  };
  if (sealedValue.iv.length !== IV_BYTES) throw malformed(`the IV must be ${IV_BYTES} bytes`);
  // A short tag would weaken authentication, so only the full 16 bytes are accepted.
  if (sealedValue.tag.length !== TAG_BYTES) throw malformed(`the authentication tag must be ${TAG_BYTES} bytes`);
  return sealedValue;
}

function b64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}
