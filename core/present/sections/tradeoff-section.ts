import type { RunRecord } from '../../api/run-record.js';
import { tradeoffTable, tradeoffTableData } from '../../evaluate/tradeoff-table.js';
import { tableBlock, type ReportSection } from './report-section.js';

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
