import { quantileSorted, sortedAscending } from '../../stats/index.js';
import { withinBound, type LatencyBound } from './latency-bound.js';

export interface QpsTrialResult {
  samplesMs: readonly number[];
  stoppedEarly: boolean;
}

export interface QpsTrial {
  qps: number;
  queries: number;
  /** The bound's percentile over the trial's queries; null when it stopped before any completed. */
  observedMs: number | null;
  passed: boolean;
  stoppedEarly: boolean;
}

export interface MaxQpsSearch {
  bound: string;
  /** The highest QPS that passed, or null when none down to the floor did. */
  maxQps: number | null;
  /** The lowest QPS that failed, when one was tried: the answer lies between the two. */
  failedQps: number | null;
  trials: QpsTrial[];
  method: string;
}

export interface MaxQpsOptions {
  /** The first rate tried, e.g. an estimate of capacity from the warm-up. */
  startQps: number;
  maxTrials: number;
  /** Stop when failedQps / maxQps − 1 is at most this. */
  tolerance: number;
  /** Below this rate a search gives up: the bound is out of reach even unloaded. */
  minQps?: number;
}

export const MAX_QPS_METHOD =
  'Each trial runs the seeded Poisson schedule at one QPS and passes when the bound\'s percentile (type 7) of its latencies, counted from scheduled arrival, meets the bound; a trial stops early once enough queries exceed the bound that it cannot pass, and a failed rate is tried once more before it counts as failed. The search doubles (or halves) from the start rate until one rate passes and one fails, then bisects between them until they are within the tolerance or the trial budget is spent. The result is the highest passing rate.';

/**
 * Finds the highest QPS whose trial meets the bound. Latency under Poisson load rises steeply near
 * capacity, so pass/fail is close to monotonic in QPS and bisection applies; a noisy trial can only
 * move the answer within the final bracket.
 */
export async function findMaxQps(
  runTrial: (qps: number) => Promise<QpsTrialResult>,
  bound: LatencyBound,
  options: MaxQpsOptions,
): Promise<MaxQpsSearch> {
  const minQps = options.minQps ?? 0.1;
  const trials: QpsTrial[] = [];
  const bracket: { pass: number | null; fail: number | null } = { pass: null, fail: null };

  async function trial(qps: number): Promise<boolean> {
    const result = await runTrial(qps);
    const observedMs = result.samplesMs.length > 0 ? quantileSorted(sortedAscending(result.samplesMs), bound.quantile) : null;
    const passed = !result.stoppedEarly && observedMs !== null && withinBound(bound, observedMs);
    trials.push({ qps, queries: result.samplesMs.length, observedMs, passed, stoppedEarly: result.stoppedEarly });
    return passed;
  }

  // A failure must repeat before it bounds the search: one garbage collection or late timer in a
  // short trial would otherwise cap the answer far below what the machine sustains.
  async function attempt(qps: number): Promise<boolean> {
    let passed = await trial(qps);
    if (!passed && trials.length < options.maxTrials) passed = await trial(qps);
    if (passed) bracket.pass = Math.max(bracket.pass ?? 0, qps);
    else bracket.fail = Math.min(bracket.fail ?? Number.POSITIVE_INFINITY, qps);
    return passed;
  }

  let qps = options.startQps;
  // Bracket: find one rate that passes and one that fails.
  while (trials.length < options.maxTrials && (bracket.pass === null || bracket.fail === null)) {
    const passed = await attempt(qps);
    if (!passed && qps / 2 < minQps) break;
    qps = passed ? qps * 2 : qps / 2;
  }
  // Bisect the bracket.
  for (;;) {
    const { pass, fail } = bracket;
    if (trials.length >= options.maxTrials || pass === null || fail === null || fail / pass - 1 <= options.tolerance) break;
    await attempt((pass + fail) / 2);
  }
  return { bound: bound.expression, maxQps: bracket.pass, failedQps: bracket.fail, trials, method: MAX_QPS_METHOD };
}
