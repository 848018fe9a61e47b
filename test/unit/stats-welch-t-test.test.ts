import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { welchTTest } from '../../core/stats/index.js';

// Reference: scipy.stats.ttest_ind(a, b, equal_var=False).
const a = [10.1, 10.3, 9.8, 10.0, 10.4, 10.2];
const b = [10.9, 11.4, 10.6, 11.0, 11.8, 10.7, 11.1];

describe("welchTTest", () => {
  it('matches SciPy on two runs with unequal variances', () => {
    const result = welchTTest(a, b);
    expect(result.statistic).toBeCloseTo(-5.211348439150246, 10);
    expect(result.degreesOfFreedom).toBeCloseTo(9.277964413678037, 10);
    expect(result.pValue).toBeCloseTo(0.0005035124439775314, 12);
    expect(result.meanDifference).toBeCloseTo(10.133333333333333 - 11.071428571428571, 12);
  });

  it('is symmetric in the order of the runs', () => {
    const forward = welchTTest(a, b);
    const backward = welchTTest(b, a);
    expect(backward.statistic).toBeCloseTo(-forward.statistic, 12);
    expect(backward.pValue).toBeCloseTo(forward.pValue, 14);
  });

  it('decides with certainty when both runs are constant', () => {
    expect(welchTTest([5, 5], [5, 5, 5]).pValue).toBe(1);
    expect(welchTTest([5, 5], [6, 6, 6]).pValue).toBe(0);
  });

  it('asks for more iterations when a run has fewer than two samples', () => {
    expect(() => welchTTest([1], b)).toThrow(LabError);
    expect(() => welchTTest([1], b)).toThrow(/at least 2 samples in each run; got 1 and 7/);
  });
});
