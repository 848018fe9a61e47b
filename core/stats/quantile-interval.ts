import type { QuantileInterval } from '../api/run-record.js';
import { orderStatisticRanks } from './binomial.js';

/**
 * A distribution-free confidence interval for the q-quantile: [X(l), X(u)] from the sorted samples,
 * with the ranks from the binomial distribution (see orderStatisticRanks). It assumes only that
 * the samples are independent draws of one distribution, not that latency is normal, which it is not.
 * When the sample is too small for a bound on a side, that side is the sample's min or max and
 * `exact` is false: the interval then covers the quantile with less than `confidence`.
 */
export function quantileInterval(sorted: readonly number[], q: number, confidence = 0.95): QuantileInterval {
  if (sorted.length === 0) throw new RangeError('a quantile interval of no samples is undefined');
  const { lowerRank, upperRank } = orderStatisticRanks(sorted.length, q, confidence);
  return {
    quantile: q,
    confidence,
    lowMs: sorted[(lowerRank ?? 1) - 1]!,
    highMs: sorted[(upperRank ?? sorted.length) - 1]!,
    exact: lowerRank !== null && upperRank !== null,
  };
}

/**
 * The fewest samples for which the q-quantile has both bounds of its interval at `confidence`.
 * The rule: an upper bound exists when P(all n samples fall below the quantile) = qⁿ is at most
 * (1 - confidence)/2, and a lower bound when (1 - q)ⁿ is. Below this count the reported percentile
 * is little more than the sample's max (or min), e.g. at 95 %: p50 needs 6 samples, p90 36, p95 72,
 * p99 368, p99.9 3688.
 */
export function minSamplesForQuantile(q: number, confidence = 0.95): number {
  if (!(q > 0 && q < 1)) throw new RangeError(`quantile must be strictly between 0 and 1, got ${q}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be strictly between 0 and 1, got ${confidence}`);
  const tail = Math.log((1 - confidence) / 2);
  return Math.max(Math.ceil(tail / Math.log(q)), Math.ceil(tail / Math.log1p(-q)), 1);
}
