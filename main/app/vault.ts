// The Zoom client secret's and the MongoDB password's keeper on the desktop: Electron's safeStorage
// (Keychain, DPAPI, libsecret). Where it cannot encrypt, nothing is kept (the vault says unavailable).
import type { SecretVault } from '../account/secret-vault.js';

/** The part of Electron's safeStorage we use; tests pass the shared mock. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(data: Buffer): string;
  /** Linux: 'basic_text' means a hard-coded key, not a keychain: not good enough for secrets. */
  getSelectedStorageBackend?(): string;
}

export function safeStorageVault(s: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretVault {
  const available = s.isEncryptionAvailable() && !(platform === 'linux' && s.getSelectedStorageBackend?.() === 'basic_text');
  return {
    available,
    encrypt(plain) {
      if (!available) throw new Error('No keychain to encrypt with.');
      return s.encryptString(plain);
    },
    decrypt(data) {
      if (!available) throw new Error('No keychain to decrypt with.');
      return s.decryptString(data);
    },
  };
}
