import { quantileSorted, sortedAscending } from './quantile.js';

/** hyperfine's default: a sample more than ten (robust) standard deviations from the median. */
export const DEFAULT_OUTLIER_THRESHOLD = 10;

/** 1.4826 · MAD estimates the standard deviation of a normal distribution (1 / Φ⁻¹(3/4)). */
const MAD_TO_STDDEV = 1.4826;
/** 1.2533 · mean absolute deviation estimates it too (√(π/2)); used when the MAD is zero. */
const MEAN_ABSOLUTE_DEVIATION_TO_STDDEV = 1.2533;

export interface OutlierReport {
  count: number;
  /** Indices into the samples as given, ascending. */
  indices: number[];
  threshold: number;
  /** The robust spread the scores were divided by, in the samples' unit (0 when all are equal). */
  scale: number;
}

/**
 * Outliers by modified z-score (Iglewicz & Hoaglin): z = (x - median) / (1.4826 · MAD), which is the
 * same as 0.6745 · (x - median) / MAD and the same test as hyperfine's |x - median| / MAD > 1.4826 · 10.
 * The median and MAD are not moved by the outliers themselves, unlike the mean and stddev.
 *
 * When more than half the samples are identical (a coarse clock, a very fast model) the MAD is 0
 * and every other value would score infinite; then the mean absolute deviation from the median,
 * scaled by 1.2533, stands in for it (as IBM SPSS does). If that is 0 too, all samples are equal and
 * none is an outlier.
 */
export function madOutliers(samples: readonly number[], threshold = DEFAULT_OUTLIER_THRESHOLD): OutlierReport {
  if (samples.length === 0) return { count: 0, indices: [], threshold, scale: 0 };
  const median = quantileSorted(sortedAscending(samples), 0.5);
  const deviations = samples.map((x) => Math.abs(x - median));
  const mad = quantileSorted(sortedAscending(deviations), 0.5);
  let scale = MAD_TO_STDDEV * mad;
  if (scale === 0) scale = (MEAN_ABSOLUTE_DEVIATION_TO_STDDEV * deviations.reduce((sum, d) => sum + d, 0)) / deviations.length;
  if (scale === 0) return { count: 0, indices: [], threshold, scale: 0 };
  const indices: number[] = [];
  deviations.forEach((d, i) => {
    if (d / scale > threshold) indices.push(i);
  });
  return { count: indices.length, indices, threshold, scale };
}
