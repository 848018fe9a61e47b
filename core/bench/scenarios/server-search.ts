import type { ServerScenario } from '../../api/run-spec.js';
import { minSamplesForQuantile } from '../../stats/index.js';
import { parseLatencyBound, maxExceedingAllowed } from './latency-bound.js';
import { findMaxQps, type MaxQpsSearch } from './max-qps.js';
import { poissonArrivalsMs } from './poisson-schedule.js';
import { serverLoop } from './server.js';
import type { TrialContext } from './measure-trial.js';

export type MaxQpsSettings = NonNullable<ServerScenario['findMaxQps']>;

/**
 * The max-QPS search on real sessions. It starts at half the capacity the warm-up suggests
 * (sessions × 1000 / median warm-up latency) and gives up 64× below it (`searchFloorQps`). Each
 * trial schedules at least enough queries for the bound's percentile to have a 95 % interval (368
 * for p99, 36 for p90), even when the trial duration at that rate would give fewer: with fewer, a
 * trial's p99 is little more than its slowest query.
 */
/** Told before each search trial starts (outside any timed region), so a face can say "trial k of n". */
export type SearchTrialListener = (trial: number, maxTrials: number, qps: number) => void;

export async function searchMaxQps(scenario: ServerScenario, settings: MaxQpsSettings, ctx: TrialContext, warmupMedianMs: number, onTrial?: SearchTrialListener): Promise<MaxQpsSearch> {
  const bound = parseLatencyBound(settings.bound);
  const capacityQps = (ctx.inferences.length * 1000) / Math.max(warmupMedianMs, 0.001);
  const minQueries = minSamplesForQuantile(bound.quantile);
  const signal = ctx.loopOptions.signal;
  let trial = 0;
  return findMaxQps(
    async (qps) => {
      if (signal?.aborted) return { samplesMs: [], stoppedEarly: true };
      trial += 1;
      onTrial?.(trial, settings.maxTrials, qps);
      const count = Math.max(minQueries, Math.ceil(qps * settings.trialDurationS));
      const arrivals = poissonArrivalsMs(qps, count, scenario.seed);
      const result = await serverLoop(ctx.inferences, ctx.pool, arrivals, {
        host: ctx.timers,
        ...(signal ? { signal } : {}),
        earlyStop: { boundMs: bound.thresholdMs, maxExceeding: maxExceedingAllowed(count, bound.quantile) },
      });
      return { samplesMs: result.samplesMs, stoppedEarly: result.stoppedEarly || result.cancelled };
    },
    bound,
    { startQps: capacityQps / 2, maxTrials: settings.maxTrials, tolerance: settings.tolerance, minQps: searchFloorQps(ctx.inferences.length, warmupMedianMs) },
  );
}

/** The lowest rate a search (and the confirmation's steps down) will try. */
export function searchFloorQps(sessions: number, warmupMedianMs: number): number {
  return (sessions * 1000) / Math.max(warmupMedianMs, 0.001) / 64;
}
