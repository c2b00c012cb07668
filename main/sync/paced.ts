// Runs calls at most `perSecond` at a time and per second, so a burst of per-host calls stays
// within the share of the per-second limit we allow ourselves.

export async function paced<T, R>(
  items: readonly T[],
  perSecond: number,
  fn: (item: T) => Promise<R>,
  clock: { now: () => number; sleep: (ms: number) => Promise<void> },
): Promise<R[]> {
  const out: R[] = [];
  const size = Math.max(1, perSecond);
  for (let i = 0; i < items.length; i += size) {
    const started = clock.now();
    out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
    const left = 1000 - (clock.now() - started);
    if (i + size < items.length && left > 0) await clock.sleep(left);
  }
  return out;
}
