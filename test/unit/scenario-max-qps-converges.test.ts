import { expect, it } from 'vitest';
import { searchMaxQps } from '../../core/bench/scenarios/server-search.js';
import type { TimerHost } from '../../core/bench/scenarios/timer-host.js';
import type { Inference } from '../../core/bench/single-stream.js';
import { monotonicClock } from '../../core/bench/clock.js';

/** Virtual time: sleeps resolve in time order once every pending promise has settled. */
class VirtualTime implements TimerHost {
  private t = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;
  now = () => this.t;
  sleep = (ms: number) => new Promise<void>((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve }));
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    void work.finally(() => (settled = true)).catch(() => undefined);
    while (!settled) {
      await new Promise((r) => setImmediate(r));
      if (settled) break;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error('nothing scheduled and the work has not finished');
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    return work;
  }
}

/** One server, first come first served, a fixed service time: an M/D/1 queue under Poisson arrivals. */
function fifoServer(time: VirtualTime, serviceMs: number): Inference {
  let busyUntil = 0;
  return {
    run() {
      const start = Math.max(time.now(), busyUntil);
      busyUntil = start + serviceMs;
      return time.sleep(busyUntil - time.now());
    },
  };
}

const settings = { bound: 'p99<=50ms', trialDurationS: 2, maxTrials: 14, tolerance: 0.05 };

it('converges on the highest QPS that keeps the bound, below the server\'s capacity', async () => {
  const time = new VirtualTime();
  const ctx = { inferences: [fifoServer(time, 10)], pool: [{}], loopOptions: { clock: monotonicClock }, timers: time };
  const search = await time.run(searchMaxQps({ kind: 'server', warmup: { iterations: 0 }, seed: 3, sessions: 1 }, settings, ctx, 10));

  expect(search.maxQps).not.toBeNull();
  const max = search.maxQps as number;
  const failed = search.failedQps as number;
  // Capacity is 100 QPS; a p99 of 50 ms (5 service times) is reached well before it, not far below.
  expect(max).toBeGreaterThan(40);
  expect(max).toBeLessThan(100);
  expect(failed / max - 1).toBeLessThanOrEqual(settings.tolerance);
  for (const trial of search.trials) {
    if (trial.qps <= max) expect(trial.passed).toBe(true);
    if (trial.qps >= failed) expect(trial.passed).toBe(false);
    if (trial.passed) expect(trial.observedMs).toBeLessThanOrEqual(50);
  }
  expect(search.trials.length).toBeLessThanOrEqual(settings.maxTrials);
});

it('finds no rate when the bound is below the service time itself', async () => {
  const time = new VirtualTime();
  const ctx = { inferences: [fifoServer(time, 10)], pool: [{}], loopOptions: { clock: monotonicClock }, timers: time };
  const search = await time.run(searchMaxQps({ kind: 'server', warmup: { iterations: 0 }, seed: 3, sessions: 1 }, { ...settings, bound: 'p99<=5ms' }, ctx, 10));
  expect(search.maxQps).toBeNull();
  expect(search.trials.every((t) => !t.passed)).toBe(true);
  // Every trial stopped as soon as it could no longer pass instead of running its whole schedule.
  expect(search.trials.every((t) => t.stoppedEarly)).toBe(true);
});
