/** Why a wallet operation failed; `kind` is for code and logs, `message` is shown to people. */
export type WalletErrorKind =
  | 'wrong-password'
  | 'weak-password'
  | 'invalid-mnemonic'
  | 'invalid-seed'
  | 'invalid-uri'
  | 'invalid-name'
  | 'wallet-exists'
  | 'key-exists'
  | 'not-found'
  | 'corrupt-keyfile'
  | 'legacy-format'
  | 'unknown-format'
  | 'no-secret'
  | 'password-required'
  | 'locked'
  | 'throttled'
  | 'insecure-storage';

export class WalletError extends Error {
  constructor(
    readonly kind: WalletErrorKind,
    message: string,
    /** For 'throttled': how long until the next password attempt is allowed. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'WalletError';
  }
}
