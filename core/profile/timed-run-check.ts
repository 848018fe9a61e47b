import { quantileSorted, sortedAscending } from '../stats/index.js';
import type { Finding } from './profile-summary.js';

/** How the profiled pass's time per inference compares with the timed run it explains. */
export interface TimedRunCheck {
  /** Median model_run time over the profiled inferences. */
  profiledMedianMs: number;
  /** The timed run's range of ordinary inferences: its fastest and its p99. */
  timedLowMs: number;
  timedHighMs: number;
  timedMedianMs: number;
  /** profiled median / timed median. */
  ratio: number;
  withinTimedRun: boolean;
  /**
   * Slower than the timed run's p99, but by no more than the profiler's own cost allows (it times
   * every node, and on WebGPU gives every dispatch its own pass): not another machine state.
   */
  withinProfilerCost: boolean;
  /** How far above the timed p99 the profiled median may be before it counts as a mismatch. */
  profilerAllowance: number;
}

/**
 * The profile is a separate pass, run after the timed one; a load spike (or a quiet spell) in
 * between makes it describe another machine state: once it ran 4× slower than the run it was
 * meant to explain, and its GFLOP/s, roofline and findings described the spike. Its median
 * inference is checked against the timed run's range, fastest to p99. The profiler itself costs time
 * (a PP-OCRv4 detector's 672 small nodes made its CPU pass 1.3× slower on a quiet machine, and WebGPU
 * profiling gives every dispatch its own compute pass, ~2×), so being slower than the p99 by up to
 * `profilerAllowance` (1.5× by default, more for device-timed traces) is that cost, not a mismatch.
 */
export function checkAgainstTimedRun(profiledMedianMs: number | null, timedSamplesMs: readonly number[], profilerAllowance = 1.5): TimedRunCheck | null {
  if (profiledMedianMs === null || timedSamplesMs.length === 0) return null;
  const sorted = sortedAscending(timedSamplesMs);
  const timedLowMs = sorted[0] as number;
  const timedHighMs = quantileSorted(sorted, 0.99);
  const timedMedianMs = quantileSorted(sorted, 0.5);
  return {
    profiledMedianMs,
    timedLowMs,
    timedHighMs,
    timedMedianMs,
    ratio: timedMedianMs > 0 ? profiledMedianMs / timedMedianMs : Number.POSITIVE_INFINITY,
    withinTimedRun: profiledMedianMs >= timedLowMs && profiledMedianMs <= timedHighMs,
    withinProfilerCost: profiledMedianMs > timedHighMs && profiledMedianMs <= timedHighMs * profilerAllowance,
    profilerAllowance,
  };
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));

/** The warning that heads the findings when the profiled pass does not match the timed run. */
export function timedRunMismatchFinding(check: TimedRunCheck): Finding | null {
  if (check.withinTimedRun || check.withinProfilerCost) return null;
  const slower = check.profiledMedianMs > check.timedHighMs;
  const factor = slower ? `${check.ratio.toFixed(1)}× slower than` : `${(1 / check.ratio).toFixed(1)}× faster than`;
  return {
    code: 'profile-mismatch',
    message: `The profiled pass took ${ms(check.profiledMedianMs)} ms per inference (median), ${factor} the timed run (median ${ms(check.timedMedianMs)} ms, range ${ms(check.timedLowMs)}–${ms(check.timedHighMs)} ms to its p99): the roofline, GFLOP/s and findings below describe the profiled pass, not the timed run.`,
    advice: slower
      ? 'Other work probably ran during the profile. Profile again on a quieter machine; the shares of time between nodes are the part most likely to still hold.'
      : 'The machine was busier during the timed run than during the profile. Run both again on a quieter machine before comparing them.',
    share: null,
    nodes: [],
  };
}
