import { meanAndVariance } from './moments.js';
import { studentTQuantile } from './student-t.js';

export interface MeanInterval {
  mean: number;
  confidence: number;
  low: number;
  high: number;
  /** False for a single sample: there is no spread to build an interval from. */
  exact: boolean;
}

/**
 * Student's t interval for the mean: mean ± t(1 - α/2, n - 1) · s / √n. Latency is skewed, but the
 * mean of a few dozen or more samples is close to normal (central limit theorem), which is all the
 * interval needs; for fewer samples it is an approximation and wider t quantiles partly make up for it.
 */
export function meanInterval(samples: readonly number[], confidence = 0.95): MeanInterval {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be strictly between 0 and 1, got ${confidence}`);
  const { count, mean, variance } = meanAndVariance(samples);
  if (count === 0) throw new RangeError('a mean interval of no samples is undefined');
  if (count < 2) return { mean, confidence, low: mean, high: mean, exact: false };
  const halfWidth = studentTQuantile(1 - (1 - confidence) / 2, count - 1) * Math.sqrt(variance / count);
  return { mean, confidence, low: mean - halfWidth, high: mean + halfWidth, exact: true };
}
