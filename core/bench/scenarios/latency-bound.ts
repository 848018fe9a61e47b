import { LabError } from '../../api/errors.js';
import { parseTarget } from '../../targets/parse-target.js';
import { metricInfo } from '../../targets/target.js';

/** A latency percentile that must stay at or under a threshold, e.g. `p99<=15ms`. */
export interface LatencyBound {
  expression: string;
  quantile: number;
  thresholdMs: number;
  /** `<` rather than `<=`: a latency equal to the threshold breaks the bound. */
  strict: boolean;
}

/** Whether one latency (or a percentile of several) keeps the bound, as the target verdicts judge it. */
export function withinBound(bound: LatencyBound, latencyMs: number): boolean {
  return bound.strict ? latencyMs < bound.thresholdMs : latencyMs <= bound.thresholdMs;
}

/** `--bound` takes the target syntax, restricted to an upper bound on a latency percentile. */
export function parseLatencyBound(expression: string): LatencyBound {
  const target = parseTarget(expression);
  const quantile = metricInfo[target.metric].quantile;
  if (quantile === undefined || (target.comparator !== '<=' && target.comparator !== '<')) {
    throw new LabError(
      'usage',
      `--bound ${expression}: a max-QPS search needs an upper bound on a latency percentile.`,
      'Write it as pNN<=TIME, e.g. --bound p99<=15ms or --bound p90<=50ms.',
    );
  }
  return { expression: target.expression, quantile, thresholdMs: target.threshold, strict: target.comparator === '<' };
}

/**
 * The most queries of `count` that may exceed the bound while the type-7 percentile can still meet
 * it: the percentile lies at or above sorted[⌊(n−1)q⌋], so once that many plus one exceed, it fails.
 */
export function maxExceedingAllowed(count: number, quantile: number): number {
  return count - Math.floor((count - 1) * quantile) - 1;
}
