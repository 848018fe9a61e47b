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

// One-sided: the alternative the fleet report tests ("this unit's latency tends to be larger than its
// siblings'"). Reference values printed by Debian's python3-scipy 1.17.1 on this machine:
//   scipy.stats.mannwhitneyu(x, y, method='asymptotic', alternative='greater' | 'less').pvalue
// The first pair is the example of SciPy's mannwhitneyu documentation (males' and females' ages),
// whose two-sided asymptotic p-value the documentation prints as 0.11134688653314041.
describe('mannWhitneyU, one-sided', () => {
  const males = [19, 22, 16, 29, 24];
  const females = [20, 11, 17, 12];

  it('matches SciPy documentation example, two-sided and each side', () => {
    expect(mannWhitneyU(males, females).statistic).toBe(17);
    expect(mannWhitneyU(males, females).pValue).toBeCloseTo(0.11134688653314041, 12);
    expect(mannWhitneyU(males, females, 'greater').pValue).toBeCloseTo(0.055673443266570206, 12);
    // Not 1 - p(greater): the continuity correction moves U toward the null on each side.
    expect(mannWhitneyU(males, females, 'less').pValue).toBeCloseTo(0.9669037101389033, 12);
  });

  it('matches SciPy with ties, in both orders', () => {
    const a = [1, 2, 2, 3, 4, 4, 4, 5];
    const b = [3, 4, 5, 5, 6, 6, 7];
    expect(mannWhitneyU(a, b, 'greater').pValue).toBeCloseTo(0.9920076574374018, 12);
    expect(mannWhitneyU(b, a, 'greater').pValue).toBeCloseTo(0.010960327932384759, 12);
    expect(mannWhitneyU(a, b, 'less').pValue).toBeCloseTo(0.010960327932384759, 12);
  });

  it('keeps the precision of a very small p and answers 1 when every value ties', () => {
    const fast = Array.from({ length: 200 }, (_, i) => 10 + i / 1000);
    const slow = fast.map((x) => x + 1);
    const p = mannWhitneyU(slow, fast, 'greater').pValue;
    // SciPy prints 2.4154281951986995e-67 for these samples; 1 - Φ(z) would have rounded it to 0.
    expect(p / 2.4154281951986995e-67).toBeCloseTo(1, 6);
    expect(mannWhitneyU([4, 4], [4, 4, 4], 'greater').pValue).toBe(1);
  });
});
