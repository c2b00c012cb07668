// Team mode: exactly one instance polls Zoom, the holder of a lease document (holder, expiresAt) in the
// shared database. This is the pure state machine; lease-keeper.ts runs it on timers against the
// database primitive (a conditional upsert). Clocks may differ by up to `skewMs` between instances:
// a holder counts its lease from the moment it *asked* and gives it up `skewMs` early; others take it
// over only `skewMs` after it expired by the holder's clock, so two leaders never overlap.

export type Role = 'leader' | 'follower';

export interface LeaseConfig {
  ttlMs: number;
  skewMs: number;
}

export const DEFAULT_LEASE: LeaseConfig = { ttlMs: 15_000, skewMs: 2_000 };

export interface LeaseState {
  /** Leader until this time by our clock (exclusive); -Infinity = not held. */
  validUntil: number;
  /** Another holder's expiry as last read, or null. */
  otherExpiresAt: number | null;
  lastAttemptAt: number | null;
}

export const INITIAL_LEASE: LeaseState = { validUntil: -Infinity, otherExpiresAt: null, lastAttemptAt: null };

/** What one attempt to take or renew the lease found. */
export type AttemptResult = { kind: 'held' } | { kind: 'taken'; holder: string; expiresAt: number } | { kind: 'error' };

export function roleAt(s: LeaseState, now: number): Role {
  return now < s.validUntil ? 'leader' : 'follower';
}

export function afterAttempt(s: LeaseState, result: AttemptResult, startedAt: number, cfg: LeaseConfig): LeaseState {
  if (result.kind === 'held') return { validUntil: startedAt + cfg.ttlMs - cfg.skewMs, otherExpiresAt: null, lastAttemptAt: startedAt };
  // Someone else holds it: if we thought we did, we lost it (we were too slow to renew) — step down now.
  if (result.kind === 'taken') return { validUntil: -Infinity, otherExpiresAt: result.expiresAt, lastAttemptAt: startedAt };
  // The database did not answer: a leader keeps what it surely still has, no more.
  return { ...s, lastAttemptAt: startedAt };
}

/** When to try next: a leader renews three times per lease; a follower waits for the holder's expiry. */
export function nextAttemptAt(s: LeaseState, now: number, cfg: LeaseConfig): number {
  const renewEvery = Math.max(1, Math.floor(cfg.ttlMs / 3));
  const last = s.lastAttemptAt ?? now;
  if (roleAt(s, now) === 'leader') return Math.max(now, last + renewEvery);
  if (s.otherExpiresAt != null && s.otherExpiresAt + cfg.skewMs > now) return s.otherExpiresAt + cfg.skewMs;
  return s.lastAttemptAt == null ? now : Math.max(now, last + renewEvery);
}
