import { describe, expect, test } from 'vitest';
import { MAX_PLOTTED_POINTS, latencyOverTimeSpec, latencyWindows } from '../../core/present/charts/latency-over-time.js';
import { baselineRun } from '../golden/synthetic-runs.js';

describe('latency over time summarises long runs per window of iterations', () => {
  test('a short run keeps one point per iteration', () => {
    const windows = latencyWindows([3, 1, 2], 10);
    expect(windows).toEqual([
      { iteration: 1, medianMs: 3, minMs: 3, maxMs: 3 },
      { iteration: 2, medianMs: 1, minMs: 1, maxMs: 1 },
      { iteration: 3, medianMs: 2, minMs: 2, maxMs: 2 },
    ]);
  });

  test('a long run becomes windows of median and range; a lone spike survives as a window max', () => {
    const samples = Array.from({ length: 10 }, (_, i) => (i === 6 ? 50 : 10 + i));
    expect(latencyWindows(samples, 3)).toEqual([
      { iteration: 1, medianMs: 11.5, minMs: 10, maxMs: 13 },
      { iteration: 5, medianMs: 16, minMs: 14, maxMs: 50 },
      { iteration: 9, medianMs: 18.5, minMs: 18, maxMs: 19 },
    ]);
  });

  test('the spec draws a min–max band only when the run was windowed', () => {
    const short = latencyOverTimeSpec(baselineRun) as { layer: unknown[] };
    expect(short.layer).toHaveLength(1);
    const long = { ...baselineRun, samplesMs: Array.from({ length: MAX_PLOTTED_POINTS * 3 }, (_, i) => 5 + (i % 7)) };
    const spec = latencyOverTimeSpec(long) as { layer: unknown[]; data: { values: unknown[] } };
    expect(spec.layer).toHaveLength(2);
    expect(spec.data.values).toHaveLength(MAX_PLOTTED_POINTS);
  });
});
