import type { LatencyStats, Stability, Verdict } from '../api/run-record.js';
import type { BenchWarning } from '../api/warnings.js';
import { benchWarnings, stability, summarizeSortedLatency, sortedAscending } from '../stats/index.js';
import { evaluateTargets } from '../targets/evaluate-targets.js';
import { parseTargets } from '../targets/parse-target.js';
import { metricInfo, type Target } from '../targets/target.js';

export interface RunMeasurements {
  /** Timed latencies in the order taken. */
  samplesMs: readonly number[];
  elapsedMs: number;
  sessionCreateMs: number;
  firstInferenceMs: number;
  warmupIterations: number;
  poolSize: number;
  targets: readonly string[];
  peakRssBytes?: number;
}

export interface RunAnalysis {
  latencyMs: LatencyStats;
  stability: Stability;
  throughputPerS: number;
  warnings: BenchWarning[];
  verdicts: Verdict[];
}

/** p99 is always shown; any percentile a target names must also have enough samples behind it. */
function tailQuantilesOf(targets: readonly Target[]): number[] {
  const named = targets.map((t) => metricInfo[t.metric].quantile).filter((q): q is number => q !== undefined && q > 0.5);
  return [...new Set([0.99, ...named])];
}

/** Samples → statistics, warnings and verdicts: pure, so the app can re-analyse a stored record. */
export function analyzeRun(m: RunMeasurements): RunAnalysis {
  const sorted = sortedAscending(m.samplesMs);
  const latencyMs = summarizeSortedLatency(sorted);
  const targets = parseTargets(m.targets);
  // Throughput of a single stream is iterations over the time spent in them: the loop's own
  // bookkeeping between iterations counts against it, as it would in a deployed loop.
  const throughputPerS = m.elapsedMs > 0 ? (m.samplesMs.length * 1000) / m.elapsedMs : 0;
  const verdicts = evaluateTargets(targets, {
    sortedSamplesMs: sorted,
    latencyMs,
    throughputPerS,
    coldStartMs: m.sessionCreateMs + m.firstInferenceMs,
    ...(m.peakRssBytes !== undefined ? { peakRssBytes: m.peakRssBytes } : {}),
  });
  const warnings = benchWarnings({
    samplesMs: m.samplesMs,
    distinctInputSets: m.poolSize,
    tailQuantiles: tailQuantilesOf(targets),
    warmupIterations: m.warmupIterations,
  });
  return { latencyMs, stability: stability(m.samplesMs), throughputPerS, warnings, verdicts };
}
