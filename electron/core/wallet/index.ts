/** The wallet: btcli-compatible keyfiles, the keystore service and signing. See README.md. */
export { argon2iKdf, type Kdf } from './argon2';
export { WalletError, type WalletErrorKind } from './errors';
export { detectKeyfileFormat, type KeyfileFormat, openKeyfile } from './keyfile';
export {
  cryptoReady,
  hasSecret,
  keypairFromKeyfile,
  publicKeyOfKeyfile,
  ss58Address,
} from './keypair';
export {
  DEFAULT_AUTO_LOCK_MS,
  Keystore,
  type KeystoreOptions,
  type SignedBy,
} from './keystore';
export { btcliWalletRoot, defaultWalletRoot } from './layout';
export { MNEMONIC_WORD_COUNTS, type MnemonicWordCount } from './mnemonic';
export type { PasswordVault } from './password-vault';
export { KeypairSigner, verifyMessage } from './signer';
export type { ThrottlePolicy } from './throttle';
