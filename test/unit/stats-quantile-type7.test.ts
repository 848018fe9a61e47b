import { describe, expect, it } from 'vitest';
import { QUANTILE_DEFINITION, percentileName, quantileSorted, sortedAscending } from '../../core/stats/index.js';

// Reference values: numpy.quantile(sorted, q) (method='linear', Hyndman & Fan type 7).
const sorted = [1, 1, 2, 3, 4, 5, 6, 9];

describe('quantileSorted (Hyndman & Fan type 7)', () => {
  it('gives the min at q = 0 and the max at q = 1', () => {
    expect(quantileSorted(sorted, 0)).toBe(1);
    expect(quantileSorted(sorted, 1)).toBe(9);
  });

  it('interpolates linearly between the closest ranks at h = (n - 1)q', () => {
    // h = 7 × 0.25 = 1.75 → x[1] + 0.75 (x[2] - x[1]) = 1 + 0.75
    expect(quantileSorted(sorted, 0.25)).toBeCloseTo(1.75, 12);
    // h = 3.5 → halfway between 3 and 4
    expect(quantileSorted(sorted, 0.5)).toBeCloseTo(3.5, 12);
    // h = 6.3 → 6 + 0.3 × 3
    expect(quantileSorted(sorted, 0.9)).toBeCloseTo(6.9, 12);
    // h = 6.93 → 6 + 0.93 × 3
    expect(quantileSorted(sorted, 0.99)).toBeCloseTo(8.79, 12);
  });

  it('returns the only sample for every q when there is one', () => {
    expect(quantileSorted([7.5], 0.999)).toBe(7.5);
  });

  it('rejects an empty sample and a q outside [0, 1]', () => {
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
    expect(() => quantileSorted(sorted, 1.5)).toThrow(/between 0 and 1/);
  });

  it('sorts numerically into a copy, leaving the input in run order', () => {
    const inOrder = [10, 9, 100, 1];
    expect(sortedAscending(inOrder)).toEqual([1, 9, 10, 100]);
    expect(inOrder).toEqual([10, 9, 100, 1]);
  });

  it('names percentiles the way reports print them and states its definition', () => {
    expect(percentileName(0.5)).toBe('p50');
    expect(percentileName(0.99)).toBe('p99');
    expect(percentileName(0.999)).toBe('p99.9');
    expect(QUANTILE_DEFINITION).toMatch(/type 7/);
  });
});
