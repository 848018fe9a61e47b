import { quantileSorted, sortedAscending } from './quantile.js';

/** Below this many samples a decile holds one value, and one value says nothing about a trend. */
export const MIN_SAMPLES_FOR_DRIFT = 20;

export interface DriftResult {
  /** Median of the last tenth of the run over the median of the first tenth; 1 when not measured. */
  ratio: number;
  /** False when the run had fewer than MIN_SAMPLES_FOR_DRIFT samples (or a zero first median) and the ratio is a placeholder. */
  measured: boolean;
}

/**
 * Whether the run got slower (> 1) or faster (< 1) as it went: thermal throttling, a background job
 * starting, or a warm-up too short for caches and clocks to settle. Medians, so a single hiccup at
 * either end does not read as drift.
 */
export function driftRatio(samplesInOrder: readonly number[]): DriftResult {
  const n = samplesInOrder.length;
  if (n < MIN_SAMPLES_FOR_DRIFT) return { ratio: 1, measured: false };
  const decile = Math.floor(n / 10);
  const first = quantileSorted(sortedAscending(samplesInOrder.slice(0, decile)), 0.5);
  const last = quantileSorted(sortedAscending(samplesInOrder.slice(n - decile)), 0.5);
  // A zero median (a clock too coarse for the model) has no ratio; the record cannot hold ∞.
  if (first === 0) return { ratio: 1, measured: false };
  return { ratio: last / first, measured: true };
}
