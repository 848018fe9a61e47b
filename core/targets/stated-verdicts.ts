import type { StatedSummary, Verdict } from '../api/run-record.js';
import { describeBound, type Comparator, type Target } from './index.js';
import { inDisplayUnit } from './target.js';

/**
 * Verdicts on a summary-only record: a target is judged only on a figure the files state, as a
 * point (there are no samples, so no interval), and a target on anything else (a p99 when only the
 * median is printed) is "not stated": inconclusive with no observed value, never a pass.
 */
const QUANTILES: Partial<Record<Target['metric'], number>> = { p50: 50, p90: 90, p95: 95, p99: 99, p999: 99.9 };

function meets(comparator: Comparator, value: number, threshold: number): boolean {
  switch (comparator) {
    case '<=': return value <= threshold;
    case '<': return value < threshold;
    case '>=': return value >= threshold;
    case '>': return value > threshold;
  }
}

function stated(target: Target, summary: StatedSummary): { value: number; what: string } | null {
  const l = summary.latencyMs;
  const percentile = QUANTILES[target.metric];
  if (percentile !== undefined) {
    const p = l.percentiles.find((q) => q.percentile === percentile);
    return p ? { value: p.valueMs, what: percentile === 50 ? 'the median' : `the ${percentile}th percentile` } : null;
  }
  switch (target.metric) {
    case 'mean': return l.mean === null ? null : { value: l.mean, what: 'the average latency' };
    case 'min': return l.min === null ? null : { value: l.min, what: 'the min latency' };
    case 'max': return l.max === null ? null : { value: l.max, what: 'the max latency' };
    case 'throughput': return summary.throughputPerS === null ? null : { value: summary.throughputPerS, what: 'the throughput' };
    default: return null;
  }
}

export function statedVerdicts(targets: readonly Target[], summary: StatedSummary): Verdict[] {
  const statedNames = [
    ...summary.latencyMs.percentiles.map((p) => (p.percentile === 50 ? 'median' : `p${p.percentile}`)),
    ...(summary.latencyMs.mean !== null ? ['mean'] : []), ...(summary.latencyMs.min !== null ? ['min'] : []), ...(summary.latencyMs.max !== null ? ['max'] : []),
    ...(summary.throughputPerS !== null ? ['throughput'] : []),
  ];
  return targets.map((target) => {
    const figure = stated(target, summary);
    const base = { target: target.expression, metric: target.metric, comparator: target.comparator, thresholdValue: target.threshold, unit: target.unit, intervalLow: null, intervalHigh: null };
    if (!figure) {
      return { ...base, observedValue: null, status: 'inconclusive' as const, method: `not stated: the imported files state only ${statedNames.join(', ') || 'no latency figure'}; no samples to compute ${target.metric} from (${describeBound(target)})` };
    }
    return {
      ...base,
      observedValue: figure.value,
      status: meets(target.comparator, figure.value, target.threshold) ? ('pass' as const) : ('fail' as const),
      method: `${figure.what} ${inDisplayUnit(target, figure.value)} as the imported files state it; a point value, no samples for an interval`,
    };
  });
}
