// The one interface every store implements (embedded file store, MongoDB). The contract suite in
// test/integration/store-contract.ts holds each implementation to it.
import type { AuditEntry, UsageInstance } from '../../shared/api-schema.js';
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
  /** Tokens are kept only as hashes (sha256 hex). Adding a hash that is there replaces its record. */
  addToken(token: TokenRecord): Promise<void>;
  tokens(): Promise<TokenRecord[]>;
  removeToken(hash: string): Promise<void>;
  revokeAllTokens(): Promise<void>;
  /** Every End, as it happened; kept AUDIT_KEEP_MS, then dropped. */
  addAudit(entry: AuditEntry): Promise<void>;
  /** Newest first: at most `limit` entries older than `before` (an ISO time), none older than AUDIT_KEEP_MS. */
  audit(query: { limit: number; before?: string | null }): Promise<AuditEntry[]>;
  /** The usage history: instances written whole, by instanceKey (the last write wins); those ended longer
   * ago than the store's history days are dropped. */
  saveInstances(instances: readonly UsageInstance[]): Promise<void>;
  /** The instances that overlap [from, to) (live ones included), oldest start first. */
  instances(range: { from: string; to: string }): Promise<UsageInstance[]>;
}

/** How long the usage history is kept by default (ZOOM_SESSIONS_HISTORY_DAYS). */
export const HISTORY_KEEP_MS = 90 * 24 * 3_600_000;

/** An instance's identity: Zoom's uuid, or the meeting and its start when Zoom gave none. */
export function instanceKey(i: Pick<UsageInstance, 'uuid' | 'meetingId' | 'startedAt'>): string {
  return i.uuid ?? `${i.meetingId}@${i.startedAt}`;
}

/** Does the instance overlap [from, to)? A live one runs until now. Pure. */
export function overlaps(i: Pick<UsageInstance, 'startedAt' | 'endedAt'>, from: string, to: string): boolean {
  return i.startedAt < to && (i.endedAt == null || i.endedAt > from);
}

/** How long the End audit is kept. */
export const AUDIT_KEEP_MS = 90 * 24 * 3_600_000;

/** An API token (header) or a dashboard login (cookie), by the hash of its secret. */
export interface TokenRecord {
  hash: string;
  kind: 'api' | 'cookie';
  /** ISO time after which it no longer opens the door; null = until revoked. */
  expiresAt: string | null;
  /** API tokens: what it is for ("wall display"), named in the End audit. */
  label?: string;
}

/** `unavailable`: an outage (changes wait in memory); `refused`: the database answered no, with a code. */
export type StoreErrorCode = 'unwritable' | 'full' | 'locked' | 'unavailable' | 'refused' | 'invalid-uri' | 'too-old';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
