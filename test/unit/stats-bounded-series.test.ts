import { describe, expect, it } from 'vitest';
import { BoundedSeries } from '../../core/stats/bounded-series.js';
import { LogHistogram } from '../../core/stats/log-histogram.js';
import { mulberry32 } from '../../core/inputs/prng.js';

describe('BoundedSeries: a chart series of unknown length in bounded memory', () => {
  it('keeps every point while there are fewer than twice the points asked for', () => {
    const s = new BoundedSeries(1, 5);
    for (let i = 0; i < 9; i++) s.push(i, [i * 10]);
    expect(s.result()).toEqual({ x: [0, 1, 2, 3, 4, 5, 6, 7, 8], values: [[0, 10, 20, 30, 40, 50, 60, 70, 80]] });
  });

  it('then averages equal runs of consecutive points, a missing reading left out of its bucket', () => {
    const s = new BoundedSeries(2, 4);
    const n = 100;
    for (let i = 0; i < n; i++) s.push(i, [i, i % 2 === 0 ? null : 1]);
    const { x, values } = s.result();
    expect(x.length).toBeGreaterThanOrEqual(4);
    expect(x.length).toBeLessThan(8 + 1);
    // Each bucket holds the same power-of-two number of points (the last may hold fewer): the first
    // bucket's mean x, (size − 1) / 2, says how many; every bucket's mean is the mean of its run.
    const size = 2 * x[0]! + 1;
    expect(Math.log2(size) % 1).toBe(0);
    expect(x.length).toBe(Math.ceil(n / size));
    x.forEach((mean, b) => {
      const run = Array.from({ length: Math.min(size, n - b * size) }, (_, k) => b * size + k);
      expect(mean).toBeCloseTo(run.reduce((a, v) => a + v, 0) / run.length, 9);
      expect(values[0]![b]).toBeCloseTo(mean, 9);
      expect(values[1]![b]).toBe(1);
    });
  });
});

describe('LogHistogram: percentiles within the bucket width of the exact order statistic', () => {
  it('agrees with nearest-rank percentiles of 20 000 skewed latencies to 0.1 %', () => {
    const random = mulberry32(7);
    const values = Array.from({ length: 20_000 }, () => 5 + 40 * random() ** 4);
    const h = new LogHistogram(0.001);
    for (const v of values) h.add(v);
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.01, 0.5, 0.9, 0.99, 0.999]) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1]!;
      expect(Math.abs(h.quantile(q) - exact) / exact).toBeLessThanOrEqual(0.001);
    }
    expect(h.quantile(0)).toBe(sorted[0]);
    expect(h.quantile(1)).toBe(sorted.at(-1));
    expect(h.sum / h.count).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
  });
});
