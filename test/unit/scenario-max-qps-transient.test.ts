import { expect, it } from 'vitest';
import { parseLatencyBound } from '../../core/bench/scenarios/latency-bound.js';
import { findMaxQps } from '../../core/bench/scenarios/max-qps.js';

/** A machine that sustains 1000 QPS under the bound, whose very first trial hits a one-off stall. */
function trialsWithOneStall() {
  let calls = 0;
  return async (qps: number) => {
    calls++;
    const stalled = calls === 1;
    const latencyMs = stalled || qps > 1000 ? 80 : 2;
    return { samplesMs: Array.from({ length: 100 }, () => latencyMs), stoppedEarly: false };
  };
}

it('a failed rate is tried again before it bounds the search, so a one-off stall does not cap it', async () => {
  const search = await findMaxQps(trialsWithOneStall(), parseLatencyBound('p99<=10ms'), { startQps: 200, maxTrials: 20, tolerance: 0.05 });
  expect(search.trials[0]).toMatchObject({ qps: 200, passed: false });
  expect(search.trials[1]).toMatchObject({ qps: 200, passed: true });
  expect(search.maxQps).toBeGreaterThan(950);
  expect(search.maxQps).toBeLessThanOrEqual(1000);
});

it('a rate that fails twice bounds the search', async () => {
  const always = async (qps: number) => ({ samplesMs: Array.from({ length: 100 }, () => (qps > 300 ? 50 : 1)), stoppedEarly: false });
  const search = await findMaxQps(always, parseLatencyBound('p99<=10ms'), { startQps: 200, maxTrials: 30, tolerance: 0.05 });
  const at400 = search.trials.filter((t) => t.qps === 400);
  expect(at400).toHaveLength(2);
  expect(at400.every((t) => !t.passed)).toBe(true);
  expect(search.maxQps).toBeGreaterThan(280);
  expect(search.maxQps).toBeLessThanOrEqual(300);
});

it('a strict bound (<) is not kept by a latency equal to its threshold, as the target verdicts judge it', async () => {
  const atThreshold = async (qps: number) => ({ samplesMs: Array.from({ length: 100 }, () => (qps > 100 ? 10 : 5)), stoppedEarly: false });
  const strict = await findMaxQps(atThreshold, parseLatencyBound('p99<10ms'), { startQps: 400, maxTrials: 30, tolerance: 0.05 });
  const inclusive = await findMaxQps(atThreshold, parseLatencyBound('p99<=10ms'), { startQps: 400, maxTrials: 30, tolerance: 0.05 });
  expect(strict.maxQps).toBeLessThanOrEqual(100);
  expect(inclusive.maxQps).toBeGreaterThanOrEqual(400);
});
