import { describe, expect, it } from 'vitest';
import { orderStatisticRanks } from '../../core/stats/index.js';

// Reference ranks: l = 1 + max{k : F(k) <= 0.025}, u = 1 + min{k : F(k) >= 0.975} with F the
// Binomial(n, q) CDF from scipy.stats.binom.
describe('orderStatisticRanks at 95 %', () => {
  it('finds ranks 40 and 61 for the median of 100 samples', () => {
    const { lowerRank, upperRank, coverage } = orderStatisticRanks(100, 0.5, 0.95);
    expect([lowerRank, upperRank]).toEqual([40, 61]);
    // F(60) - F(39)
    expect(coverage).toBeCloseTo(0.9823998998911476 - 0.017600100108852428, 12);
  });

  it('matches exact ranks for small samples and tail quantiles', () => {
    expect(orderStatisticRanks(1000, 0.99, 0.95)).toMatchObject({ lowerRank: 983, upperRank: 997 });
    expect(orderStatisticRanks(5000, 0.9, 0.95)).toMatchObject({ lowerRank: 4458, upperRank: 4542 });
    expect(orderStatisticRanks(6, 0.5, 0.95)).toMatchObject({ lowerRank: 1, upperRank: 6 });
  });

  it('matches exact ranks for large samples, where a normal approximation is a rank off', () => {
    expect(orderStatisticRanks(10_000, 0.5, 0.95)).toMatchObject({ lowerRank: 4902, upperRank: 5099 });
    expect(orderStatisticRanks(200_000, 0.99, 0.95)).toMatchObject({ lowerRank: 197_912, upperRank: 198_088 });
    expect(orderStatisticRanks(10_000_000, 0.5, 0.95)).toMatchObject({ lowerRank: 4_996_901, upperRank: 5_003_100 });
    expect(orderStatisticRanks(10_000_000, 0.999, 0.95)).toMatchObject({ lowerRank: 9_989_804, upperRank: 9_990_196 });
  });

  it('leaves a side without a rank when the sample is too small to bound it', () => {
    expect(orderStatisticRanks(5, 0.5, 0.95)).toMatchObject({ lowerRank: null, upperRank: null });
    // 0.99^368 ≈ 0.0248 <= 0.025 but 0.99^367 ≈ 0.0250 > 0.025
    expect(orderStatisticRanks(368, 0.99, 0.95)).toMatchObject({ lowerRank: 360, upperRank: 368 });
    expect(orderStatisticRanks(367, 0.99, 0.95)).toMatchObject({ lowerRank: 359, upperRank: null });
    expect(orderStatisticRanks(3688, 0.999, 0.95)).toMatchObject({ lowerRank: 3680, upperRank: 3688 });
    expect(orderStatisticRanks(3687, 0.999, 0.95)).toMatchObject({ lowerRank: 3679, upperRank: null });
  });

  it('widens as the confidence rises', () => {
    const at90 = orderStatisticRanks(100, 0.5, 0.9);
    const at99 = orderStatisticRanks(100, 0.5, 0.99);
    expect(at90.lowerRank!).toBeGreaterThan(at99.lowerRank!);
    expect(at90.upperRank!).toBeLessThan(at99.upperRank!);
  });
});
