import { describe, expect, it } from 'vitest';
import { minSamplesForQuantile, orderStatisticRanks } from '../../core/stats/index.js';

describe('minSamplesForQuantile', () => {
  it('gives the fewest samples whose 95% interval has both bounds', () => {
    expect(minSamplesForQuantile(0.5)).toBe(6);
    expect(minSamplesForQuantile(0.9)).toBe(36);
    expect(minSamplesForQuantile(0.95)).toBe(72);
    expect(minSamplesForQuantile(0.99)).toBe(368);
    expect(minSamplesForQuantile(0.999)).toBe(3688);
  });

  it('agrees with the order-statistic ranks at the boundary', () => {
    for (const q of [0.5, 0.9, 0.95, 0.99, 0.999]) {
      const n = minSamplesForQuantile(q);
      const enough = orderStatisticRanks(n, q, 0.95);
      const short = orderStatisticRanks(n - 1, q, 0.95);
      expect(enough.lowerRank !== null && enough.upperRank !== null, `q=${q} at n=${n}`).toBe(true);
      expect(short.lowerRank === null || short.upperRank === null, `q=${q} at n=${n - 1}`).toBe(true);
    }
  });

  it('asks for more samples at higher confidence and refuses q at 0 or 1', () => {
    // ln(0.005) / ln(0.99) = 527.2
    expect(minSamplesForQuantile(0.99, 0.99)).toBe(528);
    expect(() => minSamplesForQuantile(1)).toThrow(RangeError);
  });
});
