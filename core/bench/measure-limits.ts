import { DEFAULT_DURATION_S, DEFAULT_ITERATIONS, type RunSpec } from '../api/run-spec.js';
import { minSamplesForQuantile } from '../stats/index.js';
import { metricInfo, parseTargets } from '../targets/index.js';

/**
 * How long a measurement runs and how often telemetry samples it, for every engine. Kept apart from
 * the ONNX Runtime benchmark so that an engine that does not run ONNX Runtime (trtexec) does not load it.
 */

/** 4 Hz: often enough to see a clock step within a second, rare enough to cost nothing measurable. */
export const TELEMETRY_INTERVAL_MS = 250;

/**
 * Iterations and/or duration as the spec says. Neither given: 100 iterations, or as many as the
 * tail percentile a target names needs for a confidence interval (368 for p99), capped at 10 s — a
 * default that can only end "inconclusive" would waste the run.
 */
export function measureLimits(spec: RunSpec): { iterations?: number; durationMs?: number } {
  const { iterations, durationS } = spec.scenario;
  if (iterations === undefined && durationS === undefined) {
    const needed = parseTargets(spec.targets)
      .map((t) => metricInfo[t.metric].quantile)
      .filter((q): q is number => q !== undefined)
      .map((q) => minSamplesForQuantile(q));
    return { iterations: Math.max(DEFAULT_ITERATIONS, ...needed), durationMs: DEFAULT_DURATION_S * 1000 };
  }
  return {
    // A duration alone still stops at the largest --iterations allowed: every sample is kept in
    // memory and in the record, and a 24 h run of a 0.05 ms model would be 1.7 billion of them.
    iterations: iterations ?? MAX_RECORDED_SAMPLES,
    ...(durationS !== undefined ? { durationMs: durationS * 1000 } : {}),
  };
}

/** The most samples one measurement keeps: `--iterations`' upper bound (core/cli/numeric-flags.ts). */
export const MAX_RECORDED_SAMPLES = 10_000_000;

