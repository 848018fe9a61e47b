import { describe, expect, it } from 'vitest';
import { logGamma, regularizedIncompleteBeta } from '../../core/stats/special-functions.js';
import { normalCdf, normalTwoSidedP, studentTCdf, studentTQuantile, studentTTwoSidedP } from '../../core/stats/index.js';

// Reference values: Python's math.lgamma and scipy.special / scipy.stats.
describe('special functions behind the tests and intervals', () => {
  it('logGamma matches known values', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 12);
    expect(logGamma(100.5)).toBeCloseTo(361.4355404677776, 10);
    expect(logGamma(1e6) / 12_815_504.569147611).toBeCloseTo(1, 14);
  });

  it('regularizedIncompleteBeta matches scipy.special.betainc on both sides of the mean', () => {
    expect(regularizedIncompleteBeta(0.4, 2, 3)).toBeCloseTo(0.5248, 13);
    expect(regularizedIncompleteBeta(0.45, 50, 60)).toBeCloseTo(0.4642352914306031, 12);
    expect(regularizedIncompleteBeta(0.1, 0.5, 0.5)).toBeCloseTo(0.20483276469913345, 12);
  });

  it('normal CDF and two-sided tail keep precision far out', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 15);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 13);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316300933, 15);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 13);
    expect(normalTwoSidedP(8) / 1.244192114854348e-15).toBeCloseTo(1, 10);
  });

  it("Student's t CDF and quantile match scipy.stats.t", () => {
    expect(studentTCdf(2, 5)).toBeCloseTo(0.9490302605850708, 12);
    expect(studentTTwoSidedP(3.5, 4.5)).toBeCloseTo(0.020541689969385577, 12);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 8);
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262157162798205, 9);
    expect(studentTQuantile(0.975, 99)).toBeCloseTo(1.98421695, 7);
    expect(studentTQuantile(0.025, 29)).toBeCloseTo(-2.04522964, 7);
  });
});
