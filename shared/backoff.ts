// Exponential backoff, one way for every retry in the app: Zoom calls, the event link, the scheduler,
// the shared database and the dashboard's stream.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** base · 2^attempt, capped at max (attempt 0 waits base). */
export function backoffCeiling(attempt: number, opts: BackoffOptions): number {
  return Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(Math.max(0, attempt), 30));
}

/** The ceiling with "equal jitter": half fixed, half random, so retries from many clients spread out but
 * never collapse to zero. */
export function backoffDelay(attempt: number, opts: BackoffOptions, random: () => number): number {
  const ceiling = backoffCeiling(attempt, opts);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
