import { describe, expect, test } from 'vitest';
import { compareRuns } from '../../core/report/compare.js';
import { baselineRun, candidateRun } from '../golden/synthetic-runs.js';

describe('compareRuns decides significance with a Mann–Whitney U test on the samples', () => {
  test('a clearly faster run B is reported faster on every latency metric and on throughput', () => {
    const c = compareRuns(baselineRun, candidateRun);
    expect(c.test.name).toBe('Mann–Whitney U');
    expect(c.test.significant).toBe(true);
    expect(c.test.faster).toBe('b');
    for (const m of c.metrics.filter((m) => m.metric !== 'coldStart')) {
      expect(m.change, m.metric).toBe('faster');
      expect(m.significant, m.metric).toBe(true);
    }
    const p50 = c.metrics.find((m) => m.metric === 'p50')!;
    expect(p50.ratio).toBeCloseTo(candidateRun.latencyMs.p50 / baselineRun.latencyMs.p50, 12);
  });

  test('swapping the runs turns faster into slower', () => {
    const c = compareRuns(candidateRun, baselineRun);
    expect(c.test.faster).toBe('a');
    expect(c.metrics.find((m) => m.metric === 'mean')!.change).toBe('slower');
  });

  test('a run against itself shows no significant change', () => {
    const c = compareRuns(baselineRun, baselineRun);
    expect(c.test.significant).toBe(false);
    expect(c.test.pValue).toBeCloseTo(1, 6);
    expect(c.metrics.every((m) => m.change === 'no significant change' || m.change === 'not tested')).toBe(true);
  });

  test('cold start is one measurement per run: ratio shown, not tested', () => {
    const cold = compareRuns(baselineRun, candidateRun).metrics.find((m) => m.metric === 'coldStart')!;
    expect(cold.a).toBeCloseTo(182.4 + 21.7, 9);
    expect(cold.b).toBeCloseTo(160.2 + 12.9, 9);
    expect(cold.significant).toBeNull();
    expect(cold.change).toBe('not tested');
  });

  test('a metric that moved against the overall shift is not reported as changed', () => {
    // B is slower overall, yet its recorded p99 is lower than A's.
    const slowerWithLowerTail = { ...baselineRun, samplesMs: baselineRun.samplesMs.map((x) => x + 2), latencyMs: { ...baselineRun.latencyMs, mean: baselineRun.latencyMs.mean + 2, p99: baselineRun.latencyMs.p99 - 1 } };
    const c = compareRuns(baselineRun, slowerWithLowerTail);
    expect(c.test.faster).toBe('a');
    expect(c.metrics.find((m) => m.metric === 'p99')!.change).toBe('no significant change');
    expect(c.metrics.find((m) => m.metric === 'mean')!.change).toBe('slower');
  });
});
