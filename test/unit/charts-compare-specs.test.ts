import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { latencyCdfSpec, latencyHistogramsSpec, tradeoffSpec } from '../../core/present/charts/latency-cdf.js';

const fast = { run: 'fast', samplesMs: Array.from({ length: 1000 }, (_, i) => 1 + (i % 10) / 10) };
const slow = { run: 'slow', samplesMs: [...Array.from({ length: 19 }, (_, i) => 5 + i / 10), 500] };

describe('the charts Compare draws', () => {
  it('draws each run\'s CDF from at most ~400 points, ending at fraction 1 at its largest sample', () => {
    const spec = latencyCdfSpec([fast, slow]) as { data: { values: Array<{ run: string; latencyMs: number; fraction: number }> } };
    const fastPoints = spec.data.values.filter((v) => v.run === 'fast');
    expect(fastPoints.length).toBeLessThanOrEqual(402);
    expect(fastPoints.at(-1)).toEqual({ run: 'fast', latencyMs: 1.9, fraction: 1 });
    const fractions = fastPoints.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(() => compile(latencyCdfSpec([fast, slow]))).not.toThrow();
  });

  it('weights histogram bars by each run\'s own sample count and leaves the far tail out, saying how much', () => {
    const spec = latencyHistogramsSpec([fast, slow]) as { data: { values: Array<{ run: string; weight: number; latencyMs: number }> }; title: { text: string } };
    expect(spec.data.values.find((v) => v.run === 'fast')?.weight).toBeCloseTo(1 / 1000);
    expect(spec.data.values.find((v) => v.run === 'slow')?.weight).toBeCloseTo(1 / 20);
    expect(spec.data.values.some((v) => v.latencyMs === 500)).toBe(false);
    expect(spec.title.text).toMatch(/^1 iterations above/);
    expect(() => compile(latencyHistogramsSpec([fast, slow]))).not.toThrow();
  });

  it('joins only the Pareto-optimal variants on the tradeoff chart', () => {
    const spec = tradeoffSpec([
      { variant: 'a', p99Ms: 5, throughputPerS: 300, pareto: true },
      { variant: 'b', p99Ms: 9, throughputPerS: 100, pareto: false },
      { variant: 'c', p99Ms: 2, throughputPerS: 200, pareto: true },
    ]) as { layer: Array<{ data: { values: Array<{ variant: string }> } }> };
    expect(spec.layer[0]?.data.values.map((v) => v.variant)).toEqual(['c', 'a']);
    expect(spec.layer[1]?.data.values).toHaveLength(3);
  });

  it('keeps the tradeoff axes at zero or above, as Vega draws them', async () => {
    // A fast int8 variant beside a slow fp32 one: the padding that leaves room for labels would
    // otherwise run the p99 axis below 0 ms.
    const spec = tradeoffSpec([
      { variant: 'int8', p99Ms: 0.31, throughputPerS: 3100, pareto: true },
      { variant: 'fp32', p99Ms: 4.8, throughputPerS: 210, pareto: false },
    ]);
    const view = new View(parse(compile(spec).spec), { renderer: 'none' });
    await view.runAsync();
    const [x0, x1] = view.scale('x').domain() as [number, number];
    const [y0, y1] = view.scale('y').domain() as [number, number];
    expect(x0).toBeGreaterThanOrEqual(0);
    expect(y0).toBeGreaterThanOrEqual(0);
    expect(x1).toBeGreaterThan(4.8);
    expect(y1).toBeGreaterThan(3100);
    view.finalize();
  });
});
