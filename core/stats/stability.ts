import type { Stability } from '../api/run-record.js';
import { driftRatio } from './drift.js';
import { meanAndVariance } from './moments.js';
import { DEFAULT_OUTLIER_THRESHOLD, madOutliers } from './outliers.js';
import { sortedAscending } from './quantile.js';
import { quantileInterval } from './quantile-interval.js';

/** How steady a run was: spread, outliers, drift and how well its median is pinned down. */
export function stability(samplesInOrder: readonly number[], outlierThreshold = DEFAULT_OUTLIER_THRESHOLD): Stability {
  if (samplesInOrder.length === 0) throw new RangeError('cannot judge the stability of a run with no samples');
  const { mean, variance } = meanAndVariance(samplesInOrder);
  const drift = driftRatio(samplesInOrder);
  return {
    coefficientOfVariation: mean === 0 ? 0 : Math.sqrt(variance) / mean,
    outlierCount: madOutliers(samplesInOrder, outlierThreshold).count,
    outlierThreshold,
    driftRatio: drift.measured ? drift.ratio : null,
    medianInterval: quantileInterval(sortedAscending(samplesInOrder), 0.5),
  };
}
