import { describe, expect, it } from 'vitest';
import { QuantileIntervalSchema } from '../../core/api/run-record.js';
import { quantileInterval } from '../../core/stats/index.js';

const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

describe('quantileInterval', () => {
  it('reads the bounds at the binomial ranks: the 40th and 61st of 100 for the median', () => {
    const interval = quantileInterval(oneToHundred, 0.5);
    expect(QuantileIntervalSchema.parse(interval)).toEqual({ quantile: 0.5, confidence: 0.95, lowMs: 40, highMs: 61, exact: true });
  });

  it('falls back to the max and marks the interval inexact when p99 has too few samples', () => {
    // 367 < 368 samples: rank 359 exists below, nothing above
    const samples = Array.from({ length: 367 }, (_, i) => (i + 1) / 10);
    expect(quantileInterval(samples, 0.99)).toEqual({ quantile: 0.99, confidence: 0.95, lowMs: 35.9, highMs: 36.7, exact: false });
  });

  it('spans the whole sample when neither side can be bounded', () => {
    expect(quantileInterval([2, 3, 5, 7, 11], 0.5)).toMatchObject({ lowMs: 2, highMs: 11, exact: false });
    expect(quantileInterval([4], 0.9)).toMatchObject({ lowMs: 4, highMs: 4, exact: false });
  });

  it('honours another confidence level', () => {
    expect(quantileInterval(oneToHundred, 0.5, 0.99)).toMatchObject({ confidence: 0.99, exact: true });
    expect(quantileInterval(oneToHundred, 0.5, 0.99).highMs - quantileInterval(oneToHundred, 0.5, 0.99).lowMs).toBeGreaterThan(21);
  });
});
