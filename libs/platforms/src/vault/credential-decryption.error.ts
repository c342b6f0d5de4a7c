export type CredentialDecryptionFailure = 'malformed' | 'unknown_key' | 'authentication_failed';

// Never carries the sealed value or any plaintext: only what an operator needs to act on.
export class CredentialDecryptionError extends Error {
  constructor(
    readonly reason: CredentialDecryptionFailure,
    message: string,
    readonly keyId?: string,
  ) {
    super(message);
    this.name = 'CredentialDecryptionError';
  }
}
