import { expect, it } from 'vitest';
import { poissonArrivalsMs } from '../../core/bench/scenarios/poisson-schedule.js';

it('draws exponential inter-arrival gaps with mean 1/QPS from a seeded schedule', () => {
  const qps = 200;
  const n = 5000;
  const arrivals = poissonArrivalsMs(qps, n, 7);
  const gaps = arrivals.map((t, i) => t - (i === 0 ? 0 : (arrivals[i - 1] as number)));
  const mean = gaps.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / (n - 1));
  // Mean gap 5 ms; its standard error is 5/√5000 ≈ 0.07 ms, so ±4 % is over five standard errors.
  expect(mean).toBeGreaterThan(5 * 0.96);
  expect(mean).toBeLessThan(5 * 1.04);
  // An exponential distribution has coefficient of variation 1 (a periodic schedule would have 0).
  expect(sd / mean).toBeGreaterThan(0.93);
  expect(sd / mean).toBeLessThan(1.07);

  // Kolmogorov–Smirnov against Exp(rate): D below the 1 % critical value 1.63/√n.
  const sorted = [...gaps].sort((a, b) => a - b);
  let d = 0;
  sorted.forEach((g, i) => {
    const cdf = 1 - Math.exp(-g / 5);
    d = Math.max(d, Math.abs(cdf - i / n), Math.abs(cdf - (i + 1) / n));
  });
  expect(d).toBeLessThan(1.63 / Math.sqrt(n));

  expect(poissonArrivalsMs(qps, 10, 7)).toEqual(arrivals.slice(0, 10));
  expect(poissonArrivalsMs(qps, 10, 8)).not.toEqual(arrivals.slice(0, 10));
  // The same seed at twice the rate is the same pattern at half the spacing.
  poissonArrivalsMs(2 * qps, 10, 7).forEach((t, i) => expect(t).toBeCloseTo((arrivals[i] as number) / 2, 9));
});
