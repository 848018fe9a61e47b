import { stringify } from 'yaml';
import type { TradeoffView } from '../../api/tradeoff.js';
import { variantFields } from '../../tradeoff/tradeoff-fields.js';
import { nestDotted } from '../nest-dotted.js';

// A folder of their own: run keys never hold a slash, so no run's files can take these names.
export const TRADEOFF_METRICS = 'tradeoff/metrics.json';
export const TRADEOFF_PARAMS = 'tradeoff/params.yaml';
export const TRADEOFF_PLOT = 'tradeoff/accuracy-vs-p99.json';

/**
 * The tradeoff rows as DVC reads them: numbers per family and variant in a metrics file (the Pareto
 * flag as 1 or 0, which `dvc metrics diff` compares), the text that goes with them (the flag in
 * words, the price with its source, the runs joined) in a params file, and one row per
 * ranked variant for a scatter plot of accuracy against p99. Null when no variant is exported.
 */
export function tradeoffDvcFiles(view: TradeoffView | undefined): { files: Map<string, string>; plot: Record<string, unknown> } | null {
  if (!view || view.families.length === 0) return null;
  const metrics: Record<string, Record<string, unknown>> = {};
  const params: Record<string, Record<string, unknown>> = {};
  const rows: Array<Record<string, unknown>> = [];
  for (const family of view.families) {
    for (const v of family.variants) {
      const fields = variantFields(family, v);
      (metrics[family.name] ??= {})[v.name] = nestDotted(fields.metrics.map((m) => ({ key: m.key.replace(/^tradeoff\./, ''), value: m.value })));
      (params[family.name] ??= {})[v.name] = Object.fromEntries(fields.tags.filter((t) => t.key !== 'tradeoff.family' && t.key !== 'tradeoff.variant').map((t) => [t.key.replace(/^tradeoff\./, ''), t.value]));
      if (v.p99Ms !== null) rows.push({ family: family.name, variant: v.name, p99_ms: v.p99Ms, accuracy: v.accuracy.value, pareto: v.pareto ? 1 : 0, cost_per_stream: v.costPerStream, price: v.price?.amount ?? null });
    }
  }
  const files = new Map([
    [TRADEOFF_METRICS, `${JSON.stringify(metrics, null, 2)}\n`],
    [TRADEOFF_PARAMS, `# Written by \`edgelab export dvc\`: each variant's Pareto flag, stated price and source, and the runs it joins.\n${stringify({ tradeoff: params }, { lineWidth: 0 })}`],
  ]);
  if (rows.length > 0) files.set(TRADEOFF_PLOT, `${JSON.stringify(rows, null, 2)}\n`);
  const plot = rows.length > 0
    ? { 'accuracy vs p99': { template: 'scatter', x: 'p99_ms', y: { [TRADEOFF_PLOT]: 'accuracy' }, title: 'Accuracy against p99 latency per variant (Pareto flag in the data)', x_label: 'p99 latency (ms)', y_label: 'accuracy' } }
    : {};
  return { files, plot };
}
