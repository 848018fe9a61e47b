import { expect, it } from 'vitest';
import { runBenchmark } from '../../core/bench/run-benchmark.js';
import type { TrialsReport } from '../../core/bench/trials.js';
import { modelPath } from '../helpers/models.js';

it('keeps N requests in flight over several sessions and reports variation between trials', async () => {
  const record = await runBenchmark({
    model: await modelPath('tiny-classifier'),
    scenario: { kind: 'throughput', concurrency: 3, sessions: 2, iterations: 30, trials: 3, warmup: { iterations: 2 } },
  });
  expect(record.state).toBe('completed');
  if (record.state !== 'completed') return;
  expect(record.iterations).toBe(90);
  expect(record.throughputPerS).toBeGreaterThan(0);
  expect(record.extras.throughput).toEqual({ concurrency: 3, sessions: 2 });
  const trials = record.extras.trials as TrialsReport;
  expect(trials.count).toBe(3);
  expect(trials.trials.map((t) => t.iterations)).toEqual([30, 30, 30]);
  expect(trials.betweenTrialCv).toBeGreaterThanOrEqual(0);
  expect(trials.withinTrialCv).toBeGreaterThan(0);
  expect(trials.medianOfTrialsMs.low).toBeLessThanOrEqual(trials.medianOfTrialsMs.high);
});
