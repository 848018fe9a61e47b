import type { QuantileInterval } from '../api/run-record.js';

/**
 * Samples the median needs for a 95 % distribution-free interval (minSamplesForQuantile(0.5) in
 * core/stats; a test keeps the two equal). Below it the "interval" is only the sample's min and max.
 */
export const MEDIAN_INTERVAL_MIN_SAMPLES = 6;

/**
 * What both faces show instead of the median's interval when the run was too short for one
 * ("not measured: 3 samples, 6 needed"), rather than a min–max range presented as a 95 % CI; null
 * when the interval is a real one.
 */
export function medianIntervalMissing(ci: QuantileInterval, samples: number): string | null {
  if (ci.exact) return null;
  return `not measured: ${samples} ${samples === 1 ? 'sample' : 'samples'}, ${MEDIAN_INTERVAL_MIN_SAMPLES} needed`;
}
