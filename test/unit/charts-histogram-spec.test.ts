import { describe, expect, test } from 'vitest';
import { latencyHistogramSpec } from '../../core/present/charts/latency-histogram.js';
import { baselineRun, failedRun } from '../golden/synthetic-runs.js';

interface LayeredSpec {
  width: number;
  height: number;
  layer: Array<{ data: { values: Array<Record<string, unknown>> } }>;
}

describe('the latency histogram is a declarative Vega-Lite spec built from the record', () => {
  test('every sample is a data value and p50 and p99 are marked from the record statistics', () => {
    const spec = latencyHistogramSpec(baselineRun) as unknown as LayeredSpec;
    expect(spec.layer[0]!.data.values.map((v) => v['latencyMs'])).toEqual(baselineRun.samplesMs);
    expect(spec.layer[1]!.data.values).toEqual([
      { label: 'p50', latencyMs: baselineRun.latencyMs.p50 },
      { label: 'p99', latencyMs: baselineRun.latencyMs.p99 },
    ]);
  });

  test('a chart size can be given (the desktop UI sizes to its panel)', () => {
    const spec = latencyHistogramSpec(baselineRun, { widthPx: 300, heightPx: 120 }) as unknown as LayeredSpec;
    expect([spec.width, spec.height]).toEqual([300, 120]);
  });

  test('a failed run has no statistics, so no markers, but its partial samples still plot', () => {
    const spec = latencyHistogramSpec(failedRun) as unknown as LayeredSpec;
    expect(spec.layer[0]!.data.values).toHaveLength(2);
    expect(spec.layer[1]!.data.values).toEqual([]);
  });
});
