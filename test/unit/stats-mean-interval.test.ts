import { describe, expect, it } from 'vitest';
import { meanInterval } from '../../core/stats/index.js';

describe('meanInterval (Student t)', () => {
  it('is mean ± t(0.975, n - 1) · s / √n', () => {
    // mean 10; deviations -3, -1, 1, 3 give s² = 20 / 3; t(0.975, 3) from scipy.stats.t.ppf
    const samples = [7, 9, 11, 13];
    const halfWidth = 3.1824463052837078 * Math.sqrt(20 / 3 / 4);
    const interval = meanInterval(samples);
    expect(interval.mean).toBe(10);
    expect(interval.low).toBeCloseTo(10 - halfWidth, 8);
    expect(interval.high).toBeCloseTo(10 + halfWidth, 8);
    expect(interval.exact).toBe(true);
  });

  it('collapses to the single value, inexact, for one sample', () => {
    expect(meanInterval([4.2])).toEqual({ mean: 4.2, confidence: 0.95, low: 4.2, high: 4.2, exact: false });
  });

  it('narrows as samples accumulate', () => {
    const few = meanInterval([9, 11, 9, 11]);
    const many = meanInterval(Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 9 : 11)));
    expect(many.high - many.low).toBeLessThan((few.high - few.low) / 10);
  });
});
