import type { LatencyStats, Stability, Verdict } from '../api/run-record.js';
import type { BenchWarning } from '../api/warnings.js';
import { benchWarnings, stability, summarizeSortedLatency, sortedAscending } from '../stats/index.js';
import { evaluateTargets, parseTargets, tailQuantilesOf } from '../targets/index.js';

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
