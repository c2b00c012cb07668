// Where the Zoom client secret may be kept between runs. The desktop app passes one backed by
// Electron's safeStorage (the OS keychain); the headless service has none, so a secret typed into
// its setup screen lasts for that run only. Never plain text on disk.
export interface SecretVault {
  /** false where the OS offers no encryption (Linux without a keyring): nothing is kept then. */
  readonly available: boolean;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}
