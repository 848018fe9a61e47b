export interface MeanAndVariance {
  count: number;
  mean: number;
  /** Sample variance (divides by n - 1); 0 for fewer than two samples. */
  variance: number;
}

/**
 * Mean and sample variance in one pass by Welford's method, which stays accurate when the spread is
 * tiny next to the mean (microsecond jitter on a 100 ms model), where Σx² - n·mean² would cancel.
 */
export function meanAndVariance(samples: readonly number[]): MeanAndVariance {
  let mean = 0;
  let sumOfSquaredDeviations = 0;
  let count = 0;
  for (const x of samples) {
    count++;
    const delta = x - mean;
    mean += delta / count;
    sumOfSquaredDeviations += delta * (x - mean);
  }
  return { count, mean: count === 0 ? Number.NaN : mean, variance: count < 2 ? 0 : sumOfSquaredDeviations / (count - 1) };
}
