import type { Scenario } from '../../api/run-spec.js';
import type { Feeds } from '../../runtime/ort.js';
import { quantileSorted, sortedAscending } from '../../stats/index.js';
import { timedLoop, type Inference, type LoopLimits, type LoopOptions, type LoopResult } from '../single-stream.js';
import { poissonArrivalsMs } from './poisson-schedule.js';
import { serverLoop } from './server.js';
import { throughputLoop } from './throughput.js';
import type { TimerHost } from './timer-host.js';

export interface ServerTrialInfo {
  targetQps: number;
  scheduledQueries: number;
  completedQueries: number;
  /** Completed queries over the time from the first scheduled arrival to the last completion. */
  achievedQps: number;
  issueLagMs: { p50: number; p99: number; max: number };
}

export interface MeasuredTrial extends LoopResult {
  server?: ServerTrialInfo;
}

export interface TrialContext {
  inferences: readonly Inference[];
  pool: readonly Feeds[];
  loopOptions: LoopOptions;
  timers: TimerHost;
  /** The rate a server trial runs at: the scenario's, or the one a max-QPS search found. */
  qps?: number;
}

/** Queries a server trial schedules: the iteration limit and the duration at this rate, whichever is fewer. */
export function serverQueryCount(qps: number, limits: LoopLimits): number {
  const byTime = limits.durationMs !== undefined ? Math.ceil((qps * limits.durationMs) / 1000) : Number.POSITIVE_INFINITY;
  return Math.max(1, Math.min(limits.iterations ?? Number.POSITIVE_INFINITY, byTime));
}

/** One timed measurement of the scenario; the trial index varies the server's seed so trials differ. */
export async function measureTrial(scenario: Scenario, limits: LoopLimits, trialIndex: number, ctx: TrialContext): Promise<MeasuredTrial> {
  const { inferences, pool, loopOptions } = ctx;
  switch (scenario.kind) {
    case 'single-stream':
      return timedLoop(inferences[0] as Inference, pool, limits, 'measure', loopOptions);
    case 'throughput':
      return throughputLoop(inferences, pool, limits, {
        clock: loopOptions.clock,
        concurrency: scenario.concurrency,
        ...(loopOptions.signal ? { signal: loopOptions.signal } : {}),
        ...(loopOptions.onProgress ? { onProgress: loopOptions.onProgress } : {}),
      });
    case 'server': {
      const qps = ctx.qps ?? scenario.qps;
      if (qps === undefined) throw new RangeError('a server trial needs a QPS');
      const arrivals = poissonArrivalsMs(qps, serverQueryCount(qps, limits), scenario.seed + trialIndex);
      const result = await serverLoop(inferences, pool, arrivals, {
        host: ctx.timers,
        ...(loopOptions.signal ? { signal: loopOptions.signal } : {}),
        ...(loopOptions.onProgress ? { onProgress: loopOptions.onProgress } : {}),
      });
      const lag = sortedAscending(result.issueLagMs.length > 0 ? result.issueLagMs : [0]);
      return {
        samplesMs: result.samplesMs,
        elapsedMs: result.elapsedMs,
        cancelled: result.cancelled,
        server: {
          targetQps: qps,
          scheduledQueries: result.scheduled,
          completedQueries: result.samplesMs.length,
          achievedQps: result.elapsedMs > 0 ? (result.samplesMs.length * 1000) / result.elapsedMs : 0,
          issueLagMs: { p50: quantileSorted(lag, 0.5), p99: quantileSorted(lag, 0.99), max: lag.at(-1) ?? 0 },
        },
      };
    }
  }
}
