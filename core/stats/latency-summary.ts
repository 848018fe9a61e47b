import type { LatencyStats } from '../api/run-record.js';
import { meanAndVariance } from './moments.js';
import { quantileSorted, sortedAscending } from './quantile.js';

/** The record's latency statistics (QUANTILE_DEFINITION for the percentiles; stddev uses n - 1). */
export function summarizeLatency(samplesMs: readonly number[]): LatencyStats {
  if (samplesMs.length === 0) throw new RangeError('cannot summarize a run with no latency samples');
  return summarizeSortedLatency(sortedAscending(samplesMs));
}

export function summarizeSortedLatency(sorted: readonly number[]): LatencyStats {
  if (sorted.length === 0) throw new RangeError('cannot summarize a run with no latency samples');
  const { mean, variance } = meanAndVariance(sorted);
  return {
    mean,
    stddev: Math.sqrt(variance),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    p999: quantileSorted(sorted, 0.999),
  };
}
