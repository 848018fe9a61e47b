import { describe, expect, it } from 'vitest';
import { VerdictSchema } from '../../core/api/run-record.js';
import { evaluateTargets, parseTarget } from '../../core/targets/index.js';

// 400 samples alternating 9 and 11 ms: mean 10, s = 1.0012523, t(0.975, 399) = 1.9659273 (SciPy),
// so the 95% t-interval is 10 ± 0.0984195 = [9.9015805, 10.0984195] ms,
// and fps = 1000 / mean lies in [99.025397, 100.993977].
const alternating = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 9 : 11)).sort((a, b) => a - b);

function verdict(expression: string, sortedSamplesMs: readonly number[] = alternating) {
  const [result] = evaluateTargets([parseTarget(expression)], { sortedSamplesMs });
  return VerdictSchema.parse(result);
}

describe('mean verdicts from the t-interval', () => {
  it('reports the interval and decides on it', () => {
    const result = verdict('mean<=10.1ms');
    expect(result.status).toBe('pass');
    expect(result.observedValue).toBeCloseTo(10, 12);
    expect(result.intervalLow).toBeCloseTo(9.901580533884841, 9);
    expect(result.intervalHigh).toBeCloseTo(10.098419466115159, 9);
    expect(result.method).toBe('95% t-interval for the mean [9.902, 10.1] ms from 400 samples');
  });

  it('is inconclusive inside the interval and fails beyond it', () => {
    expect(verdict('mean<=10.05ms').status).toBe('inconclusive');
    expect(verdict('mean<=9.9ms').status).toBe('fail');
    expect(verdict('mean>=9.9ms').status).toBe('pass');
  });

  it('cannot decide from a single sample', () => {
    expect(verdict('mean<=100ms', [5])).toMatchObject({ status: 'inconclusive', observedValue: 5, intervalLow: null, intervalHigh: null });
  });
});

describe('fps verdicts from the inverted mean interval', () => {
  it('is 1000 / mean latency with the interval ends swapped', () => {
    const result = verdict('fps>=99');
    expect(result.status).toBe('pass');
    expect(result.observedValue).toBeCloseTo(100, 12);
    expect(result.intervalLow).toBeCloseTo(99.02539732633011, 8);
    expect(result.intervalHigh).toBeCloseTo(100.993977332996, 8);
    expect(result.unit).toBe('fps');
    expect(result.method).toBe('fps = 1000 / mean latency; 95% t-interval [99.03, 101] fps from 400 samples');
  });

  it('is inconclusive inside the interval and fails beyond it', () => {
    expect(verdict('fps>=100').status).toBe('inconclusive');
    expect(verdict('fps>=101').status).toBe('fail');
    expect(verdict('fps<99').status).toBe('fail');
  });

  it('leaves fps unbounded above when the mean interval reaches zero', () => {
    // samples 1 and 100: s / √n = 49.5, so the mean is 50.5 ± 12.706 · 49.5 = [-578.5, 679.5] ms
    // and fps >= 1000 / 679.5 with no upper bound
    const result = verdict('fps>=2', [1, 100]);
    expect(result).toMatchObject({ status: 'inconclusive', intervalHigh: null });
    expect(result.intervalLow).toBeCloseTo(1000 / (50.5 + 12.706204736174694 * 49.5), 8);
    expect(result.method).toMatch(/t-interval \[1\.472, —\] fps/);
    expect(verdict('fps>=1', [1, 100]).status).toBe('pass');
    expect(verdict('fps<=1', [1, 100]).status).toBe('fail');
  });
});
