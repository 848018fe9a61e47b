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
  /** Null when the run's files do not state it (an imported run): then no cold-start verdict is possible. */
  sessionCreateMs: number | null;
  firstInferenceMs: number | null;
  warmupIterations: number;
  poolSize: number;
  targets: readonly string[];
  peakRssBytes?: number;
  /** single-stream unless a load scenario ran; fps then comes from throughput, not 1000 / mean. */
  scenarioKind?: 'single-stream' | 'throughput' | 'server';
  /** Frames per inference, when the batch dim is known. */
  batchSize?: number;
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
    ...(m.sessionCreateMs !== null && m.firstInferenceMs !== null ? { coldStartMs: m.sessionCreateMs + m.firstInferenceMs } : {}),
    ...framesPerSecondOf(m, throughputPerS, latencyMs.mean),
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

function framesPerSecondOf(m: RunMeasurements, throughputPerS: number, meanMs: number): { framesPerSecond?: { value: number; what: string } } {
  const batch = m.batchSize ?? 1;
  if (m.scenarioKind !== undefined && m.scenarioKind !== 'single-stream') {
    return { framesPerSecond: { value: throughputPerS * batch, what: `fps = completed inferences per second${batch > 1 ? ` × batch ${batch}` : ''} under the ${m.scenarioKind} load` } };
  }
  if (batch > 1 && meanMs > 0) {
    return { framesPerSecond: { value: (1000 * batch) / meanMs, what: `fps = batch ${batch} × 1000 / mean latency` } };
  }
  return {};
}
