import { significant } from './significant.js';

/**
 * Percentiles are estimated by linear interpolation between closest ranks: Hyndman & Fan's
 * definition 7, the default of NumPy (`method='linear'`), R (`type = 7`), Excel's PERCENTILE.INC
 * and tinybench. With n sorted samples x[0..n-1], the q-quantile sits at h = (n - 1)·q and is
 * x[⌊h⌋] + (h - ⌊h⌋)·(x[⌊h⌋ + 1] - x[⌊h⌋]). It is continuous in q, gives the min at q = 0 and the
 * max at q = 1, and matches what a reader checking a report in NumPy or R will compute.
 */
export const QUANTILE_DEFINITION =
  'Percentiles by linear interpolation between closest ranks (Hyndman & Fan type 7, as NumPy and R default).';

/** The q-quantile (0 <= q <= 1) of samples already sorted ascending. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('a quantile of no samples is undefined');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be between 0 and 1, got ${q}`);
  const h = (sorted.length - 1) * q;
  const below = Math.floor(h);
  const low = sorted[below]!;
  const high = sorted[Math.min(below + 1, sorted.length - 1)]!;
  return low + (h - below) * (high - low);
}

/** A sorted copy; the caller's samples keep their order, which drift detection needs. */
export function sortedAscending(samples: readonly number[]): number[] {
  // A typed array sorts numerically (Array#sort would compare as strings) and fast.
  return Array.from(Float64Array.from(samples).sort());
}

/** p50 for 0.5, p99.9 for 0.999: the names reports print. */
export function percentileName(q: number): string {
  return `p${significant(q * 100, 6)}`;
}
