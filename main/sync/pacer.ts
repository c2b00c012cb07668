// Spaces calls of one rate category evenly at `perSecond`, across everything that shares the pacer
// (catalog and live polls alike), so together they stay within the share of the limit we allow.

/** The pacer's time: the clock and a way to wait (tests pass one that does not). */
export interface PacerTime {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export class Pacer {
  private nextSlot = 0;

  constructor(
    private readonly perSecond: number,
    private readonly clock: PacerTime,
  ) {}

  /** Resolves when the caller may send its call. */
  async take(): Promise<void> {
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.perSecond;
    if (slot > now) await this.clock.sleep(slot - now);
  }

  /** Runs fn over items, each call in its own slot; results in item order. */
  map<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
    return Promise.all(
      items.map(async (item) => {
        await this.take();
        return fn(item);
      }),
    );
  }
}
