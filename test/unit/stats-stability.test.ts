import { describe, expect, it } from 'vitest';
import { StabilitySchema } from '../../core/api/run-record.js';
import { MEDIAN_INTERVAL_MIN_SAMPLES, medianIntervalMissing } from '../../core/present/median-interval.js';
import { minSamplesForQuantile, stability } from '../../core/stats/index.js';

describe('stability', () => {
  it('combines spread, outliers, drift and the median interval of a run', () => {
    // 1..100 in order: sample variance n(n + 1)/12, first decile median 5.5, last 95.5
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    const result = StabilitySchema.parse(stability(samples));
    expect(result.coefficientOfVariation).toBeCloseTo(Math.sqrt((100 * 101) / 12) / 50.5, 12);
    expect(result.outlierCount).toBe(0);
    expect(result.outlierThreshold).toBe(10);
    expect(result.driftRatio).toBeCloseTo(95.5 / 5.5, 12);
    expect(result.medianInterval).toEqual({ quantile: 0.5, confidence: 0.95, lowMs: 40, highMs: 61, exact: true });
  });

  it('counts outliers at the threshold it is given', () => {
    const samples = [10, 10.2, 9.8, 10.1, 9.9, 10, 11.48];
    expect(stability(samples).outlierCount).toBe(0);
    expect(stability(samples, 3)).toMatchObject({ outlierCount: 1, outlierThreshold: 3 });
  });

  it('gives a valid record for a single sample', () => {
    const result = StabilitySchema.parse(stability([7]));
    expect(result).toMatchObject({ coefficientOfVariation: 0, outlierCount: 0, driftRatio: null }); // too short to compare a first and a last tenth
    expect(result.medianInterval.exact).toBe(false);
  });
});

describe('the median interval as the faces show it', () => {
  it('needs the same samples as the statistics say the median needs', () => {
    expect(MEDIAN_INTERVAL_MIN_SAMPLES).toBe(minSamplesForQuantile(0.5));
  });

  it('is never a min–max range called a 95 % CI: at n = 3 it says there is none', () => {
    const three = stability([1.2, 1.0, 1.4]);
    expect(three.medianInterval.exact).toBe(false);
    expect(medianIntervalMissing(three.medianInterval, 3)).toBe('not measured: 3 samples, 6 needed');
    const six = stability([1.2, 1.0, 1.4, 1.1, 1.3, 1.25]);
    expect(six.medianInterval.exact).toBe(true);
    expect(medianIntervalMissing(six.medianInterval, 6)).toBeNull();
  });
});
