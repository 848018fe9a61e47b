import { describe, expect, test } from 'vitest';
import { latencyHistogramSpec } from '../../core/present/charts/latency-histogram.js';
import { latencyOverTimeSpec } from '../../core/present/charts/latency-over-time.js';
import { renderChartSvg } from '../../core/charts/render-svg.js';
import { expectGolden } from '../golden/golden.js';
import { baselineRun } from '../golden/synthetic-runs.js';

// Vega renders headless on Node (renderer 'none' + toSVG), with no canvas package installed.
describe('charts render to deterministic, self-contained SVG', () => {
  test('the latency histogram matches its golden file', async () => {
    expectGolden('latency-histogram.svg', await renderChartSvg(latencyHistogramSpec(baselineRun)));
  });

  test('latency over time matches its golden file', async () => {
    expectGolden('latency-over-time.svg', await renderChartSvg(latencyOverTimeSpec(baselineRun)));
  });

  test('the same spec renders byte-identical twice, with a fixed size and nothing to fetch', async () => {
    const first = await renderChartSvg(latencyHistogramSpec(baselineRun));
    const second = await renderChartSvg(latencyHistogramSpec(baselineRun));
    expect(second).toBe(first);
    expect(first).toMatch(/^<svg [^>]*width="\d+" height="\d+"/);
    expect(first).not.toMatch(/href=|url\(|<image|<script/);
  });
});
