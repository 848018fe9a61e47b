import { expect, it } from 'vitest';
import { analyzeRun } from '../../core/bench/analyze-run.js';

const base = {
  samplesMs: Array.from({ length: 400 }, (_, i) => 20 + (i % 10)),
  elapsedMs: 2000,
  sessionCreateMs: 50,
  firstInferenceMs: 5,
  warmupIterations: 10,
  poolSize: 4,
  targets: ['fps>=30'],
};

it('fps is 1000 / mean latency for a single stream of single frames', () => {
  const v = analyzeRun(base).verdicts[0]!;
  expect(v.observedValue).toBeCloseTo(1000 / 24.5, 6);
  expect(v.status).toBe('pass');
});

it('under a load scenario fps is the completed inferences per second, not 1000 / mean latency', () => {
  // 400 inferences in 2 s with 4 in flight: 200/s, although each one took ~25 ms (40/s as 1000/mean).
  const v = analyzeRun({ ...base, scenarioKind: 'throughput', targets: ['fps>=100'] }).verdicts[0]!;
  expect(v.observedValue).toBeCloseTo(200, 6);
  expect(v.status).toBe('pass');
  expect(v.method).toMatch(/throughput load/);
});

it('with batches, fps counts frames: batch × inferences', () => {
  const v = analyzeRun({ ...base, batchSize: 4, targets: ['fps>=150'] }).verdicts[0]!;
  expect(v.observedValue).toBeCloseTo((4 * 1000) / 24.5, 6);
  expect(v.status).toBe('pass');
});
