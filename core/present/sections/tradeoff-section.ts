import type { RunRecord } from '../../api/run-record.js';
import { tradeoffTable, type TradeoffRow } from '../../evaluate/tradeoff-table.js';
import { formatBytes, formatMs, formatPercent, formatPerSecond } from '../format-values.js';
import { tableBlock, type ReportSection } from './report-section.js';
import { column, textTable, type Table } from '../table.js';

/**
 * Variants side by side in a report of several runs: one row per model file and execution provider
 * (core/evaluate's tradeoffTable joins each variant's bench run with its accuracy run), the
 * Pareto-optimal ones starred. Null when the runs hold fewer than two variants: one row trades
 * nothing off.
 */
export function tradeoffSection(runs: readonly RunRecord[]): ReportSection | null {
  const rows = tradeoffTable(runs);
  if (rows.length < 2) return null;
  const measured = [
    rows.every((r) => r.top1 !== null) ? 'top-1' : null,
    'p99',
    'throughput',
    'model size',
    rows.every((r) => r.peakRssBytes !== null) ? 'peak memory' : null,
  ].filter((name) => name !== null);
  return {
    key: 'tradeoff',
    title: 'Tradeoffs',
    blocks: [
      tableBlock(
        tradeoffTableData(rows),
        undefined,
        `★ Pareto-optimal: no other variant is at least as good on every objective measured for all of them (${measured.join(', ')}) and better on one. ` +
          'A variant is a model file on an execution provider; latency comes from its latest bench run, accuracy from its latest accuracy run.',
      ),
    ],
  };
}

/** The rows as a report table (Markdown, HTML or terminal text through core/present/table). */
export function tradeoffTableData(rows: readonly TradeoffRow[]): Table {
  return {
    columns: [column('Variant'), column('EP'), column('Top-1', 'right'), column('Top-5', 'right'), column('p50 ms', 'right'), column('p99 ms', 'right'),
      column('Throughput', 'right'), column('Model size', 'right'), column('Peak memory', 'right'), column('Pareto'), column('Runs')],
    rows: rows.map((r) => [
      r.variant, r.executionProvider,
      r.top1 === null ? '–' : formatPercent(r.top1), r.top5 === null ? '–' : formatPercent(r.top5),
      formatMs(r.p50Ms), formatMs(r.p99Ms), formatPerSecond(r.throughputPerS), formatBytes(r.modelSizeBytes),
      r.peakRssBytes === null ? '–' : formatBytes(r.peakRssBytes), r.pareto ? '★' : '', r.runIds.join(', '),
    ]),
  };
}

/** The rows as `edgelab compare --as-variants` prints them; reports render tradeoffTableData themselves. */
export function formatTradeoffTable(rows: readonly TradeoffRow[]): string {
  const note = '★ Pareto-optimal: no other variant is as good on every measured objective (top-1, p99, throughput, size, memory) and better on one.';
  return `${textTable(tradeoffTableData(rows))}\n\n${note}`;
}
