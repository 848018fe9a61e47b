import type { BenchWarning } from '../api/warnings.js';
import { driftRatio } from './drift.js';
import { meanAndVariance } from './moments.js';
import { madOutliers } from './outliers.js';
import { percentileName, quantileSorted, sortedAscending } from './quantile.js';
import { minSamplesForQuantile } from './quantile-interval.js';
import { significant } from './significant.js';

/** Where each warning starts. Tests and reports quote these, so they live in one place. */
export const BENCH_WARNING_LIMITS = {
  /** First timed inference over the median. */
  slowFirstRunFactor: 3,
  /** stddev / mean. */
  maxCoefficientOfVariation: 0.1,
  /** Last-decile median over first-decile median, either way. */
  maxDriftRatio: 1.1,
  minDriftRatio: 0.9,
  /** Share of samples flagged by the modified z-score. */
  maxOutlierFraction: 0.05,
  /** Fewer distinct input sets than this lets caches flatter the result. */
  minDistinctInputSets: 2,
  /** Total timed milliseconds below which clock noise and scheduling dominate. */
  minTimedMs: 1000,
} as const;

export interface BenchWarningInput {
  /** Timed latencies in the order they were taken, warm-up excluded. */
  samplesMs: readonly number[];
  /** Distinct input sets the timed iterations rotated through. */
  distinctInputSets: number;
  /** Tail quantiles the report shows or a target names (default p99); each is checked for sample size. */
  tailQuantiles?: readonly number[];
  /** Warm-up iterations run before timing, quoted in the advice. */
  warmupIterations?: number;
}

/** Everything about a finished run that makes its numbers less trustworthy, each with what to change. */
export function benchWarnings(input: BenchWarningInput): BenchWarning[] {
  const samples = input.samplesMs;
  if (samples.length === 0) return [];
  const checks = [
    slowFirstRun(samples, input.warmupIterations),
    highVariation(samples),
    tooFewSamplesForTail(samples.length, input.tailQuantiles ?? [0.99]),
    drift(samples),
    outliers(samples),
    fewDistinctInputs(input.distinctInputSets),
    shortRun(samples),
  ];
  return checks.filter((w): w is BenchWarning => w !== null);
}

function slowFirstRun(samples: readonly number[], warmupIterations: number | undefined): BenchWarning | null {
  if (samples.length < 2) return null;
  const first = samples[0]!;
  const median = quantileSorted(sortedAscending(samples), 0.5);
  if (!(first > BENCH_WARNING_LIMITS.slowFirstRunFactor * median)) return null;
  const warmup = warmupIterations === undefined ? 'the warm-up' : `${warmupIterations} warm-up iteration${warmupIterations === 1 ? '' : 's'}`;
  return {
    code: 'slow-first-run',
    message: `The first timed inference took ${significant(first)} ms, ${significant(first / median, 3)}× the median of ${significant(median)} ms.`,
    advice: `${capitalize(warmup)} did not bring the session to steady state (allocator arenas, caches, kernel selection). Run more warm-up iterations, e.g. --warmup ${Math.max(20, 2 * (warmupIterations ?? 10))}.`,
  };
}

function highVariation(samples: readonly number[]): BenchWarning | null {
  if (samples.length < 2) return null;
  const { mean, variance } = meanAndVariance(samples);
  const cv = mean === 0 ? 0 : Math.sqrt(variance) / mean;
  if (!(cv > BENCH_WARNING_LIMITS.maxCoefficientOfVariation)) return null;
  return {
    code: 'high-variation',
    message: `Latency varied widely: coefficient of variation ${significant(cv, 3)} (stddev ${significant(Math.sqrt(variance))} ms over a mean of ${significant(mean)} ms).`,
    advice: 'Close other programs, set the thread count explicitly (intraOpNumThreads) so threads do not compete, and fix the CPU clock (performance governor, turbo off, laptop on mains power).',
  };
}

function tooFewSamplesForTail(n: number, tailQuantiles: readonly number[]): BenchWarning | null {
  const short = tailQuantiles
    .map((q) => ({ q, needed: minSamplesForQuantile(q) }))
    .filter(({ needed }) => n < needed);
  if (short.length === 0) return null;
  const needed = Math.max(...short.map((s) => s.needed));
  const names = short.map((s) => percentileName(s.q)).join(' and ');
  return {
    code: 'too-few-samples-for-tail',
    message: `${names} from ${n} sample${n === 1 ? '' : 's'} has no 95% upper confidence bound: it is close to the slowest sample, not an estimate of the tail.`,
    advice: `Time at least ${needed} iterations (--iterations ${needed}) or run longer (--duration) so ${names} rests on enough samples.`,
  };
}

function drift(samples: readonly number[]): BenchWarning | null {
  const { ratio, measured } = driftRatio(samples);
  if (!measured) return null;
  if (ratio > BENCH_WARNING_LIMITS.maxDriftRatio) {
    return {
      code: 'drift',
      message: `The run got slower: the last tenth's median latency was ${significant(ratio, 3)}× the first tenth's.`,
      advice: 'Thermal throttling or background load changed the speed mid-run. Let the machine cool between runs, stop background jobs, and use a longer warm-up so clocks settle before timing.',
    };
  }
  if (ratio < BENCH_WARNING_LIMITS.minDriftRatio) {
    return {
      code: 'drift',
      message: `The run got faster: the last tenth's median latency was ${significant(ratio, 3)}× the first tenth's.`,
      advice: 'Timing began before the session reached steady state, or background load eased off mid-run. Use a longer warm-up (--warmup) and stop background jobs.',
    };
  }
  return null;
}

function outliers(samples: readonly number[]): BenchWarning | null {
  const { count, threshold } = madOutliers(samples);
  const fraction = count / samples.length;
  if (!(fraction > BENCH_WARNING_LIMITS.maxOutlierFraction)) return null;
  return {
    code: 'outliers',
    message: `${count} of ${samples.length} samples (${significant(100 * fraction, 3)}%) are outliers (modified z-score above ${threshold}).`,
    advice: 'Something interrupted the run (other programs, OS scheduling, power management). Close other programs, pin the thread count, and run again.',
  };
}

function fewDistinctInputs(distinctInputSets: number): BenchWarning | null {
  if (distinctInputSets >= BENCH_WARNING_LIMITS.minDistinctInputSets) return null;
  return {
    code: 'few-distinct-inputs',
    message: 'Every timed iteration fed the same input tensors.',
    advice: 'One input set keeps data hot in the caches and can flatter latency; rotate several (inputs.poolSize of 4 or more).',
  };
}

function shortRun(samples: readonly number[]): BenchWarning | null {
  const totalMs = samples.reduce((sum, x) => sum + x, 0);
  if (totalMs >= BENCH_WARNING_LIMITS.minTimedMs) return null;
  return {
    code: 'short-run',
    message: `Only ${significant(totalMs / 1000, 3)} s was timed in total.`,
    advice: 'A short run is dominated by clock noise and scheduling; time at least a second (--duration 10, or more --iterations).',
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
