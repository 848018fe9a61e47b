import type { TopLevelSpec } from 'vega-lite';
import type { TradeoffFamily } from '../../api/tradeoff.js';
import { REPORT_CHART_SIZE, type ChartSize } from './chart-size.js';

/**
 * A family's tradeoff chart: accuracy against p99 latency, one point per ranked variant, the Pareto
 * front drawn as a line through its points (best latency first), and each point labelled with its
 * name and the stated cost where there is one. Null when fewer than one variant is ranked.
 */
export function tradeoffChartSpec(family: TradeoffFamily, size: ChartSize = REPORT_CHART_SIZE): TopLevelSpec | null {
  const values = family.variants.flatMap((v) => (v.p99Ms === null ? [] : [{
    variant: v.name,
    p99Ms: v.p99Ms,
    accuracy: v.accuracy.value,
    front: v.pareto ? 'on the Pareto front' : 'dominated',
    label: v.price ? `${v.name} (${(v.costPerStream ?? v.price.amount).toFixed(2)} ${v.price.currency}${v.costPerStream !== null ? '/stream' : '/device'})` : `${v.name} (price not stated)`,
  }]));
  if (values.length === 0) return null;
  const front = values.filter((v) => v.front === 'on the Pareto front').sort((a, b) => a.p99Ms - b.p99Ms || a.accuracy - b.accuracy);
  const metric = family.variants[0]?.accuracy.metric ?? 'accuracy';
  const x = { field: 'p99Ms', type: 'quantitative', title: 'p99 latency (ms): left is faster', scale: { zero: false } } as const;
  const y = { field: 'accuracy', type: 'quantitative', title: `${metric}: up is more accurate`, scale: { zero: false } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${metric} against p99 latency for ${values.length} variants, Pareto front drawn`,
    width: size.widthPx,
    height: size.heightPx,
    layer: [
      { data: { values: front }, mark: { type: 'line', color: '#54a24b', strokeDash: [4, 3] }, encoding: { x, y, order: { field: 'p99Ms', type: 'quantitative' } } },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 120 },
        encoding: { x, y, color: { field: 'front', type: 'nominal', title: '', scale: { domain: ['on the Pareto front', 'dominated'], range: ['#54a24b', '#bab0ac'] } } },
      },
      { data: { values }, mark: { type: 'text', align: 'left', dx: 8, dy: -6, fontSize: 10 }, encoding: { x, y, text: { field: 'label' } } },
    ],
  };
}
