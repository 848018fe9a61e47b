import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { mannWhitneyU } from '../../core/stats/index.js';

// Reference: scipy.stats.mannwhitneyu(a, b, use_continuity=True, method='asymptotic').
describe('mannWhitneyU', () => {
  it('matches SciPy with ties, using midranks and the tie-corrected variance', () => {
    const result = mannWhitneyU([1, 2, 2, 3, 4, 4, 4, 5], [3, 4, 5, 5, 6, 6, 7]);
    expect(result.statistic).toBe(8);
    expect(result.pValue).toBeCloseTo(0.021920655864769517, 12);
  });

  it('matches SciPy when the runs do not overlap', () => {
    const result = mannWhitneyU([10.1, 10.3, 9.8, 10.0, 10.4, 10.2], [10.9, 11.4, 10.6, 11.0, 11.8, 10.7, 11.1]);
    expect(result.statistic).toBe(0);
    expect(result.z).toBeLessThan(0);
    expect(result.pValue).toBeCloseTo(0.0034052358212947604, 12);
  });

  it('gives U for the other order as na·nb - U with the same p-value', () => {
    const forward = mannWhitneyU([1, 2, 2, 3, 4, 4, 4, 5], [3, 4, 5, 5, 6, 6, 7]);
    const backward = mannWhitneyU([3, 4, 5, 5, 6, 6, 7], [1, 2, 2, 3, 4, 4, 4, 5]);
    expect(backward.statistic).toBe(8 * 7 - 8);
    expect(backward.pValue).toBeCloseTo(forward.pValue, 14);
  });

  it('sees no difference between identical or all-tied runs', () => {
    expect(mannWhitneyU([1, 2, 3], [1, 2, 3]).pValue).toBe(1);
    expect(mannWhitneyU([4, 4], [4, 4, 4])).toEqual({ statistic: 3, z: 0, pValue: 1 });
  });

  it('refuses a run without samples', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(LabError);
  });
});
