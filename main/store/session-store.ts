// The one interface every store implements (embedded file store, MongoDB). The contract suite in
// test/integration/store-contract.ts holds each implementation to it.
import type { Session, SessionChange } from '../../shared/session.js';

export interface SessionStore {
  readonly kind: 'embedded' | 'mongo';
  open(): Promise<void>;
  /** Idempotent: closing a closed store does nothing. */
  close(): Promise<void>;
  list(): Promise<Session[]>;
  get(meetingId: string): Promise<Session | null>;
  /** Applies a batch of changes; all or nothing as far as a reader after a restart can tell. */
  apply(changes: readonly SessionChange[]): Promise<void>;
  /** API tokens are kept only as hashes (sha256 hex). */
  addTokenHash(hash: string): Promise<void>;
  tokenHashes(): Promise<string[]>;
  revokeAllTokens(): Promise<void>;
}

export type StoreErrorCode = 'unwritable' | 'full' | 'locked' | 'unavailable';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
