// Percentiles by nearest rank: the smallest value with at least p of the samples at or below it. Of 100
// samples, p99 is the 99th, not the 100th (the max, printed on its own).
export function quantile(xs: readonly number[], p: number): number {
  const sorted = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
