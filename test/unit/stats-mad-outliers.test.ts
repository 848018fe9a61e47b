import { describe, expect, it } from 'vitest';
import { madOutliers } from '../../core/stats/index.js';

describe('madOutliers (modified z-score, 1.4826 · MAD)', () => {
  it('flags a sample far from the median and reports its index', () => {
    // median 10, MAD 0.1 → scale 0.14826; 50 scores 40 / 0.14826 ≈ 270
    const report = madOutliers([10, 10.2, 9.8, 10.1, 9.9, 10, 50]);
    expect(report.count).toBe(1);
    expect(report.indices).toEqual([6]);
    expect(report.threshold).toBe(10);
    expect(report.scale).toBeCloseTo(0.14826, 10);
  });

  it('draws the line at ten robust standard deviations, on both sides', () => {
    // 1.48 / 0.14826 ≈ 9.98 stays; 1.49 / 0.14826 ≈ 10.05 and -1.49 are flagged
    expect(madOutliers([10, 10.2, 9.8, 10.1, 9.9, 10, 11.48]).count).toBe(0);
    expect(madOutliers([10, 10.2, 9.8, 10.1, 9.9, 10, 11.49]).indices).toEqual([6]);
    expect(madOutliers([8.51, 10, 10.2, 9.8, 10.1, 9.9, 10]).indices).toEqual([0]);
  });

  it('takes another threshold', () => {
    expect(madOutliers([10, 10.2, 9.8, 10.1, 9.9, 10, 11.48], 3).indices).toEqual([6]);
  });

  it('falls back to the mean absolute deviation when the MAD is zero', () => {
    // 20 × 5, then 6 and 100: MAD 0; mean |x - 5| = 96 / 22; scale 1.2533 × 96 / 22 ≈ 5.47
    const samples = [...Array.from({ length: 20 }, () => 5), 6, 100];
    const report = madOutliers(samples);
    expect(report.scale).toBeCloseTo((1.2533 * 96) / 22, 10);
    expect(report.indices).toEqual([21]);
  });

  it('finds none when every sample is equal, and none in an empty run', () => {
    expect(madOutliers([3, 3, 3, 3])).toEqual({ count: 0, indices: [], threshold: 10, scale: 0 });
    expect(madOutliers([]).count).toBe(0);
  });
});
