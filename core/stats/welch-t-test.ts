import { LabError } from '../api/errors.js';
import { meanAndVariance } from './moments.js';
import { studentTTwoSidedP } from './student-t.js';

export interface WelchTTestResult {
  /** t = (mean(a) - mean(b)) / √(s²a/na + s²b/nb). */
  statistic: number;
  /** Welch–Satterthwaite degrees of freedom. */
  degreesOfFreedom: number;
  /** Two-sided. */
  pValue: number;
  meanDifference: number;
}

/**
 * Welch's t-test: do two runs have different mean latency, without assuming equal variances. It is
 * the test for means; `edgelab compare` decides on mannWhitneyU instead, because latency is skewed
 * and has a long right tail that moves the mean and stretches the variance.
 */
export function welchTTest(a: readonly number[], b: readonly number[]): WelchTTestResult {
  if (a.length < 2 || b.length < 2) {
    throw new LabError(
      'input',
      `Welch's t-test needs at least 2 samples in each run; got ${a.length} and ${b.length}.`,
      'Compare runs that timed at least 2 iterations each; re-run the short one with more (--iterations).',
    );
  }
  const x = meanAndVariance(a);
  const y = meanAndVariance(b);
  const meanDifference = x.mean - y.mean;
  const seA = x.variance / x.count;
  const seB = y.variance / y.count;
  const standardError = Math.sqrt(seA + seB);
  if (standardError === 0) {
    // Both runs constant: the means either coincide or differ with certainty.
    return meanDifference === 0
      ? { statistic: 0, degreesOfFreedom: x.count + y.count - 2, pValue: 1, meanDifference }
      : { statistic: Math.sign(meanDifference) * Number.POSITIVE_INFINITY, degreesOfFreedom: x.count + y.count - 2, pValue: 0, meanDifference };
  }
  const statistic = meanDifference / standardError;
  const degreesOfFreedom = (seA + seB) ** 2 / (seA ** 2 / (x.count - 1) + seB ** 2 / (y.count - 1));
  return { statistic, degreesOfFreedom, pValue: studentTTwoSidedP(statistic, degreesOfFreedom), meanDifference };
}
