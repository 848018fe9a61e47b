import type { LatencyStats, Verdict } from '../api/run-record.js';
import { orderStatisticRanks } from '../stats/binomial.js';
import { meanInterval } from '../stats/mean-interval.js';
import { percentileName, quantileSorted, sortedAscending } from '../stats/quantile.js';
import { minSamplesForQuantile } from '../stats/quantile-interval.js';
import { accuracyEvidence, dropEvidence, type AccuracyObservation, type DropObservation, type Evidence } from './accuracy-evidence.js';
import { pipelineFpsEvidence, type PipelineStreamFps } from './pipeline-fps.js';
import { describeBound, inDisplayUnit, metricInfo, targetPresets, type AccuracyMetric, type Comparator, type Target } from './target.js';

/** What a run measured. Anything missing turns the targets that need it inconclusive. */
export interface TargetObservations {
  /** Timed latencies, sorted ascending (an unsorted array is sorted into a copy). */
  sortedSamplesMs?: readonly number[];
  /** The record's statistics; when given, verdicts quote these point values so reports agree. */
  latencyMs?: LatencyStats;
  throughputPerS?: number;
  /** Session creation plus first inference. */
  coldStartMs?: number;
  peakRssBytes?: number;
  /**
   * Frames per second measured directly, where 1000 / mean latency would be wrong: under a load
   * scenario (several queries in flight) or with batches of several frames per inference.
   */
  framesPerSecond?: { value: number; what: string };
  /** A video pipeline's streams (an imported DeepStream run): `fps` bounds each, `pipeline-fps` their sum. */
  pipelineStreams?: readonly PipelineStreamFps[];
  /** An accuracy pass's figures; absent on a timed run, whose accuracy targets are then not measured. */
  accuracy?: AccuracyObservation;
  /** The drops against the reference run, with their bootstrap intervals. */
  drops?: Partial<Record<AccuracyMetric, DropObservation>>;
}

export const VERDICT_CONFIDENCE = 0.95;

type Status = Verdict['status'];


/**
 * One verdict per target. A latency percentile passes only when its whole 95 % order-statistic
 * interval meets the bound and fails only when none of it does; in between the run cannot tell and
 * says so (inconclusive), as does a metric the run did not measure. The mean uses a t-interval and
 * fps the same interval inverted; min, max, throughput, cold start and peak RSS are single
 * measurements compared as they are.
 */
export function evaluateTargets(targets: readonly Target[], observations: TargetObservations): Verdict[] {
  return targets.map((target) => {
    const evidence = gather(target, observations);
    const status: Status = evidence.observed === null ? 'inconclusive' : decide(target.comparator, target.threshold, evidence.low, evidence.high);
    const preset = targetPresets[target.expression] ? ` (${target.expression}: ${describeBound(target)})` : '';
    return {
      target: target.expression,
      metric: target.metric,
      comparator: target.comparator,
      thresholdValue: target.threshold,
      unit: target.unit,
      observedValue: evidence.observed,
      status,
      method: evidence.method + preset,
      intervalLow: evidence.low,
      intervalHigh: evidence.high,
    };
  });
}

/** Pass when every value in [low, high] meets the bound, fail when none does; a null side is unbounded. */
function decide(comparator: Comparator, threshold: number, low: number | null, high: number | null): Status {
  switch (comparator) {
    case '<=':
      return high !== null && high <= threshold ? 'pass' : low !== null && low > threshold ? 'fail' : 'inconclusive';
    case '<':
      return high !== null && high < threshold ? 'pass' : low !== null && low >= threshold ? 'fail' : 'inconclusive';
    case '>=':
      return low !== null && low >= threshold ? 'pass' : high !== null && high < threshold ? 'fail' : 'inconclusive';
    case '>':
      return low !== null && low > threshold ? 'pass' : high !== null && high <= threshold ? 'fail' : 'inconclusive';
  }
}

function gather(target: Target, observations: TargetObservations): Evidence {
  const samples = ascending(observations.sortedSamplesMs ?? []);
  const stats = observations.latencyMs;
  const { quantile } = metricInfo[target.metric];
  switch (target.metric) {
    case 'p50':
    case 'p90':
    case 'p95':
    case 'p99':
    case 'p999':
      return percentile(target, quantile!, samples, stats?.[target.metric]);
    case 'mean':
      return mean(target, samples, stats?.mean);
    case 'fps':
    case 'pipeline-fps':
      if (observations.pipelineStreams) {
        if (observations.pipelineStreams.length === 0) return notMeasured('the pipeline log has no **PERF: report with average FPS');
        const { observed, method } = pipelineFpsEvidence(target, observations.pipelineStreams);
        return { observed, low: observed, high: observed, method };
      }
      if (target.metric === 'pipeline-fps') return notMeasured('the run is not a video pipeline with streams');
      if (observations.framesPerSecond) return single(observations.framesPerSecond.what, observations.framesPerSecond.value, target);
      return framesPerSecond(target, samples, stats?.mean);
    case 'min':
    case 'max': {
      const extreme = stats?.[target.metric] ?? (samples.length > 0 ? (target.metric === 'min' ? samples[0]! : samples[samples.length - 1]!) : undefined);
      if (extreme === undefined) return notMeasured('the run has no latency samples');
      const of = samples.length > 0 ? ` of ${samples.length} sample${samples.length === 1 ? '' : 's'}` : '';
      return single(`${target.metric === 'min' ? 'minimum' : 'maximum'}${of}`, extreme, target);
    }
    case 'throughput':
      if (observations.throughputPerS === undefined) return notMeasured('the run recorded no throughput');
      return single('inferences per second over the run', observations.throughputPerS, target);
    case 'coldstart':
      if (observations.coldStartMs === undefined) return notMeasured('the run recorded no cold start');
      return single('session creation plus first inference', observations.coldStartMs, target);
    case 'rss':
      if (observations.peakRssBytes === undefined) return notMeasured('the run recorded no peak resident memory');
      return single('peak resident memory', observations.peakRssBytes, target);
    case 'map':
    case 'map50':
    case 'miou':
    case 'hmean':
      return accuracyEvidence(target.metric, observations.accuracy);
    case 'map-drop':
    case 'miou-drop':
    case 'hmean-drop':
      return dropEvidence(target.metric, observations.drops);
  }
}

function percentile(target: Target, q: number, samples: readonly number[], recorded: number | undefined): Evidence {
  const name = percentileName(q);
  if (samples.length === 0) {
    if (recorded === undefined) return notMeasured('the run has no latency samples');
    return { observed: recorded, low: null, high: null, method: `${name} ${inDisplayUnit(target, recorded)} from summary statistics only; no samples for a confidence interval` };
  }
  const observed = recorded ?? quantileSorted(samples, q);
  const { lowerRank, upperRank } = orderStatisticRanks(samples.length, q, VERDICT_CONFIDENCE);
  const low = lowerRank === null ? null : samples[lowerRank - 1]!;
  const high = upperRank === null ? null : samples[upperRank - 1]!;
  const shortBy = lowerRank === null || upperRank === null ? `; both bounds need at least ${minSamplesForQuantile(q, VERDICT_CONFIDENCE)} samples` : '';
  return { observed, low, high, method: `${percent(VERDICT_CONFIDENCE)} order-statistic CI for ${name} ${range(target, low, high)} from ${samples.length} sample${samples.length === 1 ? '' : 's'}${shortBy}` };
}

function mean(target: Target, samples: readonly number[], recorded: number | undefined): Evidence {
  if (samples.length === 0) {
    if (recorded === undefined) return notMeasured('the run has no latency samples');
    return { observed: recorded, low: null, high: null, method: `mean ${inDisplayUnit(target, recorded)} from summary statistics only; no samples for a confidence interval` };
  }
  const interval = meanInterval(samples, VERDICT_CONFIDENCE);
  const observed = recorded ?? interval.mean;
  if (!interval.exact) return { observed, low: null, high: null, method: 'one sample: no spread to build a t-interval from' };
  return {
    observed,
    low: interval.low,
    high: interval.high,
    method: `${percent(VERDICT_CONFIDENCE)} t-interval for the mean ${range(target, interval.low, interval.high)} from ${samples.length} samples`,
  };
}

function framesPerSecond(target: Target, samples: readonly number[], recordedMeanMs: number | undefined): Evidence {
  const meanMs = mean({ ...target, displayUnit: 'ms', displayScale: 1 }, samples, recordedMeanMs);
  if (meanMs.observed === null) return meanMs;
  const observed = 1000 / meanMs.observed;
  if (meanMs.low === null || meanMs.high === null) {
    return { observed, low: null, high: null, method: `fps = 1000 / mean latency; ${meanMs.method}` };
  }
  // The mean's interval maps through 1000 / x with its ends swapped; a lower end at or below zero leaves fps unbounded above.
  const low = 1000 / meanMs.high;
  const high = meanMs.low > 0 ? 1000 / meanMs.low : null;
  return {
    observed,
    low,
    high,
    method: `fps = 1000 / mean latency; ${percent(VERDICT_CONFIDENCE)} t-interval ${range(target, low, high)} from ${samples.length} samples`,
  };
}

function single(what: string, value: number, target: Target): Evidence {
  return { observed: value, low: value, high: value, method: `single measurement: ${what}, ${inDisplayUnit(target, value)}` };
}

function notMeasured(why: string): Evidence {
  return { observed: null, low: null, high: null, method: `not measured: ${why}` };
}

/** The samples as given when already sorted (the usual case, checked in one pass), else a sorted copy. */
function ascending(samples: readonly number[]): readonly number[] {
  for (let i = 1; i < samples.length; i++) if (samples[i]! < samples[i - 1]!) return sortedAscending(samples);
  return samples;
}

/** `[31.2, 34.8] ms`, with — for a side the data cannot bound. */
function range(target: Target, low: number | null, high: number | null): string {
  const end = (value: number | null) => (value === null ? '—' : String(Number((value / target.displayScale).toPrecision(4))));
  const unit = target.displayUnit === '/s' ? '/s' : ` ${target.displayUnit}`;
  return `[${end(low)}, ${end(high)}]${unit}`;
}

function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}
