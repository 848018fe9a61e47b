import { expect, it } from 'vitest';
import { runBenchmark } from '../../core/bench/run-benchmark.js';
import type { MaxQpsSearch } from '../../core/bench/scenarios/max-qps.js';
import { modelPath } from '../helpers/models.js';

it('searches the max QPS on a real ONNX Runtime session and measures at the rate it found', async () => {
  const record = await runBenchmark({
    model: await modelPath('tiny-classifier'),
    scenario: {
      kind: 'server',
      warmup: { iterations: 20 },
      iterations: 100,
      findMaxQps: { bound: 'p90<=40ms', trialDurationS: 0.25, maxTrials: 6, tolerance: 0.25 },
    },
  });
  expect(record.state, JSON.stringify(record.state === 'completed' ? '' : record.error)).toBe('completed');
  if (record.state !== 'completed') return;
  const search = record.extras.maxQps as MaxQpsSearch;
  expect(search.maxQps).toBeGreaterThan(0);
  expect(search.trials.length).toBeLessThanOrEqual(6);
  expect(search.trials.some((t) => t.qps === search.maxQps && t.passed)).toBe(true);
  const server = record.extras.server as { targetQps: number; scheduledQueries: number; latencyFrom: string };
  expect(server.targetQps).toBe(search.maxQps);
  expect(server.latencyFrom).toBe('scheduled arrival');
  expect(record.iterations).toBe(server.scheduledQueries);
});
