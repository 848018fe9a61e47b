import { describe, expect, it } from 'vitest';
import { meanAndVariance } from '../../core/stats/index.js';

describe('meanAndVariance (Welford)', () => {
  it('matches the textbook mean and sample variance', () => {
    // mean 31/8; Σ(x - mean)² = 52.875; / 7
    const { count, mean, variance } = meanAndVariance([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(count).toBe(8);
    expect(mean).toBeCloseTo(3.875, 12);
    expect(variance).toBeCloseTo(52.875 / 7, 12);
  });

  it('keeps microsecond jitter on a large offset, where Σx² - n·mean² would cancel', () => {
    const offset = 1e9;
    const { mean, variance } = meanAndVariance([offset + 4, offset + 7, offset + 13, offset + 16]);
    expect(mean).toBe(offset + 10);
    expect(variance).toBeCloseTo(30, 6);
  });

  it('reports zero variance for one sample and NaN mean for none', () => {
    expect(meanAndVariance([2.5])).toEqual({ count: 1, mean: 2.5, variance: 0 });
    expect(Number.isNaN(meanAndVariance([]).mean)).toBe(true);
  });
});
