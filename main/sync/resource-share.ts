// The Resource-intensive calls a minute kept out of the live poll's share (rate-budget.ts) for reads that
// are not the live list: the usage history's backfill, which takes a call only when none was made for a
// while, and leaves the account budget's reserved slot free for a person most of the time.
import { ON_DEMAND_RESOURCE_PER_MIN } from './rate-budget.js';

export class ResourceShare {
  private recent: number[] = [];

  constructor(private readonly perMinute = ON_DEMAND_RESOURCE_PER_MIN) {}

  /** A call now, if the minute's share allows. */
  take(now: number): boolean {
    this.recent = this.recent.filter((t) => now - t < 60_000);
    if (this.recent.length >= this.perMinute) return false;
    this.recent.push(now);
    return true;
  }

  /** Nothing asked for `ms`: the share is idle, and a background read may go. */
  idleFor(now: number, ms: number): boolean {
    return this.recent.every((t) => now - t >= ms);
  }

  /** A call now, if nothing was asked for `ms` and the minute's share allows. */
  takeIfIdle(now: number, ms: number): boolean {
    return this.idleFor(now, ms) && this.take(now);
  }

  clear(): void {
    this.recent = [];
  }
}
