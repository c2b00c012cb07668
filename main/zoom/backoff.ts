// Exponential backoff with "equal jitter": half the delay is fixed, half random, so
// retries from many clients spread out but never collapse to zero.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export function backoffDelay(attempt: number, opts: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
