// The dashboard's two lists (live, available) kept in order as changes arrive: a change moves one session
// (binary search, then one splice) instead of sorting 10 000 again. Pure; no DOM.
import type { Session } from '../../shared/session.js';

export type Compare = (a: Session, b: Session) => number;

/** The first position whose item is not before `s` (the compare is a total order: ids break ties). */
function lowerBound(items: Session[], s: Session, compare: Compare): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(items[mid]!, s) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SortedIndex {
  live: Session[] = [];
  available: Session[] = [];
  /** Bumped whenever that list changes: a view of the list it did not touch is the one it had. */
  readonly stamp = { live: 0, available: 0 };

  constructor(private compare: Compare) {}

  /** Everything again, in this order (a snapshot, or another sort). */
  rebuild(all: Iterable<Session>, compare: Compare = this.compare): void {
    this.compare = compare;
    this.live = [];
    this.available = [];
    for (const s of all) (s.status === 'live' ? this.live : this.available).push(s);
    this.live.sort(compare);
    this.available.sort(compare);
    this.stamp.live++;
    this.stamp.available++;
  }

  /** `before` leaves its place (if it had one); `after` takes its own (if it is not removed). */
  move(before: Session | undefined, after: Session | undefined): void {
    if (before) this.take(before);
    if (after) {
      const list = this.listOf(after);
      list.splice(lowerBound(list, after, this.compare), 0, after);
      this.bump(after);
    }
  }

  private take(s: Session): void {
    const list = this.listOf(s);
    this.bump(s);
    const i = lowerBound(list, s, this.compare);
    if (list[i]?.meetingId === s.meetingId) list.splice(i, 1);
    else {
      // Not where its keys say (should not happen): find it by id rather than keep a stale row.
      const j = list.findIndex((x) => x.meetingId === s.meetingId);
      if (j >= 0) list.splice(j, 1);
    }
  }

  private bump(s: Session): void {
    this.stamp[s.status === 'live' ? 'live' : 'available']++;
  }

  private listOf(s: Session): Session[] {
    return s.status === 'live' ? this.live : this.available;
  }
}
