import { LabError } from '../api/errors.js';
import { normalTwoSidedP } from './normal.js';

/**
 * `two-sided`: do the samples differ? `greater`: do values of the first tend to be larger than the
 * second's (a unit slower than its siblings)? `less`: smaller. Named as SciPy and R name them.
 */
export type MannWhitneyAlternative = 'two-sided' | 'greater' | 'less';

export interface MannWhitneyResult {
  /** U for the first sample: how many (a, b) pairs have a > b, ties counting one half. */
  statistic: number;
  /** The continuity-corrected normal score of U. */
  z: number;
  /** For the alternative asked (two-sided unless stated). */
  pValue: number;
}

/**
 * The Mann–Whitney U test (Wilcoxon rank-sum): does one run's latency tend to be larger than the
 * other's? It compares ranks, so the long right tail of latency and a few outliers do not swamp it
 * as they do a t-test; `edgelab compare` uses it on the two runs' latency samples.
 *
 * The p-value is the normal approximation with tie correction and continuity correction, as R's
 * wilcox.test(exact = FALSE) and SciPy's mannwhitneyu(method='asymptotic') compute it:
 *   σ² = na·nb/12 · ((n + 1) - Σ(t³ - t) / (n(n - 1))),  z = (U - na·nb/2 ∓ 1/2) / σ.
 * Benchmark runs have tens to thousands of samples, where the approximation is accurate.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[], alternative: MannWhitneyAlternative = 'two-sided'): MannWhitneyResult {
  if (a.length === 0 || b.length === 0) {
    throw new LabError(
      'input',
      `The Mann–Whitney test needs samples in both runs; got ${a.length} and ${b.length}.`,
      'Compare runs that completed with at least one timed iteration.',
    );
  }
  const pooled = [...a.map((value) => ({ value, first: true })), ...b.map((value) => ({ value, first: false }))];
  pooled.sort((x, y) => x.value - y.value);
  const n = pooled.length;
  let rankSumA = 0;
  let tieTerm = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && pooled[end]!.value === pooled[start]!.value) end++;
    const ties = end - start;
    // Tied values share the mean of the ranks they span (1-based ranks start + 1 … end).
    const midRank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) if (pooled[i]!.first) rankSumA += midRank;
    tieTerm += ties ** 3 - ties;
    start = end;
  }
  const na = a.length;
  const nb = b.length;
  const statistic = rankSumA - (na * (na + 1)) / 2;
  const expected = (na * nb) / 2;
  const variance = ((na * nb) / 12) * (n + 1 - (n > 1 ? tieTerm / (n * (n - 1)) : 0));
  if (variance <= 0) return { statistic, z: 0, pValue: 1 };
  if (alternative !== 'two-sided') {
    // One-sided: the continuity correction moves U half a step toward the null, on the side tested
    // (SciPy's mannwhitneyu(alternative='greater'|'less', method='asymptotic') computes the same).
    const sd = Math.sqrt(variance);
    const z = alternative === 'greater' ? (statistic - expected - 0.5) / sd : (statistic - expected + 0.5) / sd;
    return { statistic, z, pValue: Math.min(1, alternative === 'greater' ? upperTail(z) : upperTail(-z)) };
  }
  const distance = statistic - expected;
  const corrected = distance === 0 ? 0 : distance - Math.sign(distance) * 0.5;
  const z = corrected / Math.sqrt(variance);
  return { statistic, z, pValue: Math.min(1, normalTwoSidedP(z)) };
}

/** P(Z >= z), from the two-sided tail so that a small p keeps its relative precision. */
function upperTail(z: number): number {
  const half = normalTwoSidedP(z) / 2;
  return z >= 0 ? half : 1 - half;
}
