import { safeStorage } from 'electron';
import type { PasswordVault } from '../core/wallet';

/**
 * Electron's safeStorage as the wallet's "remember password" vault. On Linux it reports which
 * backend it picked, so the wallet can refuse 'basic_text' (no keyring: plain text on disk);
 * elsewhere the OS keychain (DPAPI, Keychain) is always a real one.
 */
export const safeStorageVault: PasswordVault = {
  backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'),
  isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (encrypted) => safeStorage.decryptString(encrypted),
};
