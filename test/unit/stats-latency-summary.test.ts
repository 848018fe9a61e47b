import { describe, expect, it } from 'vitest';
import { LatencyStatsSchema } from '../../core/api/run-record.js';
import { summarizeLatency } from '../../core/stats/index.js';

describe('summarizeLatency', () => {
  it('fills every LatencyStats field from unsorted samples', () => {
    const stats = summarizeLatency([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(LatencyStatsSchema.parse(stats)).toEqual(stats);
    expect(stats.min).toBe(1);
    expect(stats.max).toBe(9);
    expect(stats.mean).toBeCloseTo(3.875, 12);
    expect(stats.stddev).toBeCloseTo(Math.sqrt(52.875 / 7), 12);
    expect(stats.p50).toBeCloseTo(3.5, 12);
    expect(stats.p90).toBeCloseTo(6.9, 12);
    // h = 7 × 0.95 = 6.65 → 6 + 0.65 × 3
    expect(stats.p95).toBeCloseTo(7.95, 12);
    expect(stats.p99).toBeCloseTo(8.79, 12);
    // h = 6.993 → 6 + 0.993 × 3
    expect(stats.p999).toBeCloseTo(8.979, 12);
  });

  it('gives percentiles 1..100 of the integers 1..100 at h = 99q', () => {
    const stats = summarizeLatency(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(stats.p50).toBeCloseTo(50.5, 12);
    expect(stats.p90).toBeCloseTo(90.1, 12);
    expect(stats.p99).toBeCloseTo(99.01, 12);
  });

  it('refuses a run without samples', () => {
    expect(() => summarizeLatency([])).toThrow(/no latency samples/);
  });
});
