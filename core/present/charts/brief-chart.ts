import type { TopLevelSpec } from 'vega-lite';
import type { BriefView } from '../../api/brief.js';
import { REPORT_CHART_SIZE, type ChartSize } from './chart-size.js';

/**
 * The brief's one chart: each option's latency as a dot, green where it meets every target, with
 * its latency target as a tick, so "how far inside or outside the budget" reads without numbers.
 * The axis is logarithmic: options a hundred times apart, and a generous budget, stay readable.
 */
export function briefChartSpec(view: BriefView, size: ChartSize = REPORT_CHART_SIZE): TopLevelSpec | null {
  const values = view.options.flatMap((o) => (o.latency ? [{
    option: o.name,
    latencyMs: o.latency.valueMs,
    targetMs: o.latency.targetMs,
    outcome: o.passes ? 'meets every target' : o.verdicts.length === 0 ? 'no target set' : 'misses a target',
  }] : []));
  if (values.length === 0) return null;
  const targets = values.filter((v) => v.targetMs !== null);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Latency of ${values.length} options against their targets`,
    width: size.widthPx,
    height: Math.max(60, 34 * values.length),
    layer: [
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 140 },
        encoding: {
          y: { field: 'option', type: 'nominal', title: null, sort: null },
          x: { field: 'latencyMs', type: 'quantitative', title: 'latency (ms, log scale): left is faster', scale: { type: 'log' } },
          color: { field: 'outcome', type: 'nominal', title: '', scale: { domain: ['meets every target', 'misses a target', 'no target set'], range: ['#54a24b', '#e45756', '#bab0ac'] } },
        },
      },
      {
        data: { values: targets },
        mark: { type: 'tick', color: '#1f2328', thickness: 2, size: 26 },
        encoding: { y: { field: 'option', type: 'nominal', sort: null }, x: { field: 'targetMs', type: 'quantitative', scale: { type: 'log' } } },
      },
    ],
  };
}
