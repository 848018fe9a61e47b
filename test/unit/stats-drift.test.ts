import { describe, expect, it } from 'vitest';
import { driftRatio, MIN_SAMPLES_FOR_DRIFT } from '../../core/stats/index.js';

describe('driftRatio', () => {
  it('divides the median of the last decile by the median of the first', () => {
    // 30 samples: deciles of 3; first [10, 11, 30] → 11, last [13.2, 12, 40] → 13.2
    const samples = [10, 11, 30, ...Array.from({ length: 24 }, () => 99), 13.2, 12, 40];
    const { ratio, measured } = driftRatio(samples);
    expect(measured).toBe(true);
    expect(ratio).toBeCloseTo(1.2, 12);
  });

  it('reads below 1 when the run got faster', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    // first decile 100..91 → 95.5, last 10..1 → 5.5
    expect(driftRatio(samples).ratio).toBeCloseTo(5.5 / 95.5, 12);
  });

  it(`needs ${MIN_SAMPLES_FOR_DRIFT} samples, else reports 1 and says it did not measure`, () => {
    expect(driftRatio(Array.from({ length: 19 }, (_, i) => i + 1))).toEqual({ ratio: 1, measured: false });
    expect(driftRatio(Array.from({ length: 20 }, (_, i) => i + 1))).toEqual({ ratio: 19.5 / 1.5, measured: true });
  });

  it('does not divide by a zero first median', () => {
    expect(driftRatio([...Array.from({ length: 10 }, () => 0), ...Array.from({ length: 10 }, () => 1)])).toEqual({ ratio: 1, measured: false });
  });
});
