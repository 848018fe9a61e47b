import type { TopLevelSpec } from 'vega-lite';
import { REPORT_CHART_SIZE, type ChartSize } from './chart-size.js';

/** One run's samples under the name the legend shows. */
export interface LatencySeries {
  run: string;
  samplesMs: readonly number[];
}

/** At most this many points per curve: a 100 000-sample run draws the same curve from its quantiles. */
const MAX_POINTS = 400;

function cdfPoints(series: LatencySeries): Array<{ run: string; latencyMs: number; fraction: number }> {
  const sorted = [...series.samplesMs].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return [];
  const step = Math.max(1, Math.ceil(n / MAX_POINTS));
  const points: Array<{ run: string; latencyMs: number; fraction: number }> = [];
  for (let i = 0; i < n; i += step) points.push({ run: series.run, latencyMs: sorted[i] as number, fraction: (i + 1) / n });
  points.push({ run: series.run, latencyMs: sorted[n - 1] as number, fraction: 1 });
  return points;
}

/**
 * Empirical latency CDFs of several runs on one axis: where two curves part, and at which
 * percentile, is what a table of p50/p99 hides. Pure data in, a Vega-Lite spec out.
 */
export function latencyCdfSpec(series: readonly LatencySeries[], size: ChartSize = REPORT_CHART_SIZE): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Latency CDF of ${series.length} runs`,
    width: size.widthPx,
    height: size.heightPx,
    data: { values: series.flatMap(cdfPoints) },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      // Log latency: runs a hundred times apart, and a tail ten times the median, stay readable on one axis.
      x: { field: 'latencyMs', type: 'quantitative', title: 'latency (ms, log scale)', scale: { type: 'log' } },
      y: { field: 'fraction', type: 'quantitative', title: 'fraction of iterations ≤ latency', axis: { format: '%' } },
      color: { field: 'run', type: 'nominal', title: 'run' },
    },
  };
}

/**
 * The runs' latency histograms overlaid on shared bins, translucent so overlaps stay readable. Each
 * bar is a share of its own run's iterations, so a 7 000-sample run does not flatten a 20-sample
 * one; bins span up to the largest p99, and the tail beyond it is counted in the title, not drawn.
 */
export function latencyHistogramsSpec(series: readonly LatencySeries[], size: ChartSize = REPORT_CHART_SIZE): TopLevelSpec {
  const p99s = series.map((s) => quantileOf(s.samplesMs, 0.99));
  const limitMs = Math.max(...p99s, 0) * 1.1;
  const values = series.flatMap((s) => s.samplesMs.map((latencyMs) => ({ run: s.run, latencyMs, weight: 1 / s.samplesMs.length })));
  const shown = values.filter((v) => v.latencyMs <= limitMs);
  const hidden = values.length - shown.length;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Latency histograms of ${series.length} runs`,
    title: { text: hidden > 0 ? `${hidden} iterations above ${limitMs.toPrecision(3)} ms (beyond the largest p99) not drawn` : '', fontSize: 10, fontWeight: 'normal', anchor: 'start' },
    width: size.widthPx,
    height: size.heightPx,
    data: { values: shown },
    mark: { type: 'bar', opacity: 0.5, binSpacing: 0 },
    encoding: {
      x: { field: 'latencyMs', type: 'quantitative', bin: { maxbins: 60, extent: [0, limitMs] }, title: 'latency (ms)' },
      y: { aggregate: 'sum', field: 'weight', type: 'quantitative', title: 'share of the run\'s iterations', stack: null, axis: { format: '%' } },
      color: { field: 'run', type: 'nominal', title: 'run' },
    },
  };
}

function quantileOf(samples: readonly number[], q: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] as number;
}

/** A variant on the tradeoff chart. */
export interface TradeoffChartPoint {
  variant: string;
  p99Ms: number;
  throughputPerS: number;
  pareto: boolean;
}

/**
 * p99 latency against throughput, one point per variant; the Pareto-optimal ones are filled and
 * joined, so the front reads at a glance (down-right is better).
 */
/**
 * An axis domain around the points with room for their labels, never below zero: neither a latency
 * nor a throughput is negative, and an axis that runs below zero reads as if one could be.
 */
function positiveDomain(values: readonly number[]): [number, number] {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = (high - low || high || 1) * 0.12;
  return [Math.max(0, low - pad), high + pad];
}

export function tradeoffSpec(points: readonly TradeoffChartPoint[], size: ChartSize = REPORT_CHART_SIZE): TopLevelSpec {
  const values = points.map((p) => ({ ...p, front: p.pareto ? 'Pareto-optimal' : 'dominated' }));
  const xDomain = positiveDomain(points.map((p) => p.p99Ms));
  const yDomain = positiveDomain(points.map((p) => p.throughputPerS));
  const front = values.filter((p) => p.pareto).sort((a, b) => a.p99Ms - b.p99Ms);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Tradeoff of ${points.length} variants: p99 latency against throughput`,
    width: size.widthPx,
    height: size.heightPx,
    layer: [
      {
        data: { values: front },
        mark: { type: 'line', color: '#54a24b', strokeDash: [4, 3] },
        encoding: { x: { field: 'p99Ms', type: 'quantitative' }, y: { field: 'throughputPerS', type: 'quantitative' }, order: { field: 'p99Ms' } },
      },
      {
        data: { values },
        mark: { type: 'point', size: 90, filled: true },
        encoding: {
          x: { field: 'p99Ms', type: 'quantitative', title: 'p99 latency (ms)', scale: { domain: xDomain, nice: false, zero: false } },
          y: { field: 'throughputPerS', type: 'quantitative', title: 'throughput (inferences/s)', scale: { domain: yDomain, nice: false, zero: false } },
          color: { field: 'front', type: 'nominal', title: '', scale: { domain: ['Pareto-optimal', 'dominated'], range: ['#54a24b', '#bab0ac'] } },
          tooltip: [{ field: 'variant' }, { field: 'p99Ms', format: '.3f' }, { field: 'throughputPerS', format: '.1f' }],
        },
      },
      {
        data: { values },
        mark: { type: 'text', align: 'left', dx: 7, dy: -6, fontSize: 10 },
        encoding: { x: { field: 'p99Ms', type: 'quantitative' }, y: { field: 'throughputPerS', type: 'quantitative' }, text: { field: 'variant' } },
      },
    ],
  };
}
