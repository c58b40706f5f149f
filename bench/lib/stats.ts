/** Order statistics of samples (nearest-rank percentiles, so a p99 is a real observation). */

/** The p-th percentile (0–100) of `values`; NaN when there are none. Sorts a copy. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return percentileSorted(sorted, p);
}

/** The p-th percentile of already sorted values. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

/** p50 / p95 / p99 / max of samples in one sort. */
export function statsSummarize(values: readonly number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = Float64Array.from(values).sort();
  return {
    n: sorted.length,
    p50: percentileSorted(sorted, 50),
    p95: percentileSorted(sorted, 95),
    p99: percentileSorted(sorted, 99),
    max: sorted.length > 0 ? (sorted[sorted.length - 1] as number) : Number.NaN,
  };
}

/** The median. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** A deterministic PRNG: both servers get the very same sequence of edits. */
export { randomSeeded } from '@phuluc/domain/testing/random';
