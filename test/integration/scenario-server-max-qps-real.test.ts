import { failureOf } from '../../core/api/run-record.js';
import { expect, it } from 'vitest';
import { runBenchmark } from '../../core/bench/run-benchmark.js';
import type { MaxQpsResult } from '../../core/bench/scenarios/confirm-max-qps.js';
import { modelPath } from '../helpers/models.js';

it('searches the max QPS on a real ONNX Runtime session and confirms the rate with a full-length run', async () => {
  const record = await runBenchmark({
    model: await modelPath('tiny-classifier'),
    targets: ['p90<=40ms'],
    scenario: {
      kind: 'server',
      warmup: { iterations: 20 },
      iterations: 100,
      findMaxQps: { bound: 'p90<=40ms', trialDurationS: 0.25, maxTrials: 6, tolerance: 0.25 },
    },
  });
  expect(record.state, JSON.stringify(failureOf(record))).toBe('completed');
  if (record.state !== 'completed') return;
  const search = record.extras.maxQps as MaxQpsResult;
  expect(search.trials.length).toBeLessThanOrEqual(6);
  const server = record.extras.server as { targetQps: number; scheduledQueries: number; latencyFrom: string };
  expect(server.latencyFrom).toBe('scheduled arrival');
  expect(record.iterations).toBe(server.scheduledQueries);
  // The run's measurement is the last full-length confirmation run, at the rate it names.
  const last = search.confirmations.at(-1)!;
  expect(server.targetQps).toBe(last.qps);
  expect(last.queries).toBe(record.iterations);
  expect(search.confirmations[0]?.qps).toBe(search.searchQps ?? Math.min(...search.trials.map((t) => t.qps)));
  // Whether a rate holds depends on how busy this machine is; what must hold either way is that the
  // reported rate is one a full-length run held, and that otherwise the record says no rate did.
  if (search.maxQps !== null) {
    expect(last).toMatchObject({ qps: search.maxQps, status: 'pass' });
    expect(record.verdicts.find((v) => v.target === 'p90<=40ms')?.status).toBe('pass');
    expect(search.noRate).toBeUndefined();
  } else {
    expect(search.confirmations.every((c) => c.status !== 'pass')).toBe(true);
    expect(search.noRate?.message).toMatch(/^No rate met p90<=40ms/);
  }
});
