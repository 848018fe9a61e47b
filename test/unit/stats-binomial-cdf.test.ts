import { describe, expect, it } from 'vitest';
import { binomialCdf } from '../../core/stats/index.js';

// Reference values: exact sums by hand for small n, scipy.stats.binom.cdf for the rest.
describe('binomialCdf', () => {
  it('matches exact fractions for small n', () => {
    // (1 + 10 + 45) / 1024
    expect(binomialCdf(2, 10, 0.5)).toBeCloseTo(56 / 1024, 15);
    expect(binomialCdf(0, 3, 0.25)).toBeCloseTo(27 / 64, 15);
    expect(binomialCdf(4, 20, 0.3)).toBeCloseTo(0.23750777887760136, 13);
  });

  it('is accurate in the tails that order-statistic intervals read', () => {
    expect(binomialCdf(39, 100, 0.5)).toBeCloseTo(0.017600100108852428, 14);
    expect(binomialCdf(60, 100, 0.5)).toBeCloseTo(0.9823998998911476, 14);
    expect(binomialCdf(0, 1000, 0.01)).toBeCloseTo(4.3171247410658195e-5, 15);
  });

  it('stays exact for large n without factorials overflowing', () => {
    expect(binomialCdf(197_912, 200_000, 0.99)).toBeCloseTo(0.025225517094375247, 11);
    expect(1 - binomialCdf(9990, 10_000, 0.999)).toBeCloseTo(0.4578671239790172, 11);
  });

  it('is 0 below the support and 1 at or above n', () => {
    expect(binomialCdf(-1, 10, 0.5)).toBe(0);
    expect(binomialCdf(10, 10, 0.5)).toBe(1);
    expect(binomialCdf(3, 10, 0)).toBe(1);
    expect(binomialCdf(9, 10, 1)).toBe(0);
  });
});
