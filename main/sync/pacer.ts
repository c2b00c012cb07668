// Spaces calls of one rate category evenly at `perSecond`, across everything that shares the pacer
// (catalog and live polls alike), so together they stay within the share of the limit we allow.
// A call a person is waiting for (a passcode asked for on Join) takes the next slot, ahead of the
// background's queue; it still takes a slot, so the budget holds.

/** The pacer's time: the clock and a way to wait (tests pass one that does not). */
export interface PacerTime {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export class Pacer {
  private lastSlot = -Infinity;
  private readonly first: (() => void)[] = [];
  private readonly rest: (() => void)[] = [];
  private waiting = false;

  constructor(
    private readonly perSecond: number,
    private readonly clock: PacerTime,
  ) {}

  /** Resolves when the caller may send its call; `ahead` for a call a person is waiting for. */
  take(ahead = false): Promise<void> {
    return new Promise((resolve) => {
      (ahead ? this.first : this.rest).push(resolve);
      this.release();
    });
  }

  /** Runs fn over items, each call in its own slot; results in item order. */
  map<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, ahead = false): Promise<R[]> {
    return Promise.all(
      items.map(async (item) => {
        await this.take(ahead);
        return fn(item);
      }),
    );
  }

  /** Lets the next caller go when its slot has come, else waits for the slot (one timer at a time). After
   * the wait the slot counts as come, whatever the clock says (tests pass a sleep that does not wait). */
  private release(): void {
    while (!this.waiting && (this.first.length > 0 || this.rest.length > 0)) {
      const now = this.clock.now();
      const slot = Math.max(now, this.lastSlot + 1000 / this.perSecond);
      if (slot > now) {
        this.waiting = true;
        void this.clock.sleep(slot - now).then(() => {
          this.waiting = false;
          this.go(slot);
          this.release();
        });
        return;
      }
      this.go(slot);
    }
  }

  private go(slot: number): void {
    const next = this.first.shift() ?? this.rest.shift();
    if (!next) return;
    this.lastSlot = slot;
    next();
  }
}
