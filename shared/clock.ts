// Time as a dependency: every part that waits or reads the time takes a Clock, so tests drive time
// (node:test's mock.timers, or a hand-made clock) instead of sleeping.

export type TimerHandle = ReturnType<typeof setTimeout>;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(t: TimerHandle | null | undefined): void;
  setInterval(fn: () => void, ms: number): TimerHandle;
  clearInterval(t: TimerHandle | null | undefined): void;
}

/** The real clock. Read through the globals at each call, so node:test's mock.timers reaches it. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (t) => clearTimeout(t ?? undefined),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (t) => clearInterval(t ?? undefined),
};

/** Waits `ms` on the global setTimeout, read at each call (node:test's mock.timers reaches it; the one of
 * node:timers/promises, bound at import, it does not). */
export function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Orders ISO-8601 UTC times (Date#toISOString's form) as times: plain string order is time order, and it
 * needs no locale (localeCompare pages in ICU's collation data: ~3 MB of the service's memory). */
export function byIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The next 00:00 UTC after `now`: when Zoom's daily limits start over. */
export function nextUtcMidnight(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}
