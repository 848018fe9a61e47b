import type { TopLevelSpec } from 'vega-lite';
import type { RunRecord } from '../../api/run-record.js';
import { REPORT_CHART_SIZE, type ChartSize } from './chart-size.js';

/**
 * The distribution of per-iteration latency, with the median and p99 marked. Pure data in, a
 * declarative Vega-Lite spec out: the report renders it to SVG on Node and the desktop UI can embed
 * the same spec, so both show the same picture.
 */
export function latencyHistogramSpec(record: RunRecord, size: ChartSize = REPORT_CHART_SIZE): TopLevelSpec {
  const samples = record.samplesMs.map((latencyMs) => ({ latencyMs }));
  const markers =
    record.state === 'completed'
      ? [
          { label: 'p50', latencyMs: record.latencyMs.p50 },
          { label: 'p99', latencyMs: record.latencyMs.p99 },
        ]
      : [];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Latency histogram of ${record.samplesMs.length} timed iterations`,
    width: size.widthPx,
    height: size.heightPx,
    layer: [
      {
        data: { values: samples },
        mark: { type: 'bar', color: '#4c78a8', binSpacing: 1 },
        encoding: {
          x: { field: 'latencyMs', type: 'quantitative', bin: { maxbins: 40 }, title: 'latency (ms)' },
          y: { aggregate: 'count', type: 'quantitative', title: 'iterations' },
        },
      },
      {
        data: { values: markers },
        mark: { type: 'rule', color: '#e45756', strokeDash: [4, 3] },
        encoding: { x: { field: 'latencyMs', type: 'quantitative' } },
      },
      {
        data: { values: markers },
        mark: { type: 'text', color: '#e45756', align: 'left', dx: 3, baseline: 'top', y: 2 },
        encoding: { x: { field: 'latencyMs', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
}
