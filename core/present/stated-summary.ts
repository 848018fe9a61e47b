import type { StatedSummary, SummaryOnlyRun } from '../api/run-record.js';
import { formatCount, formatDurationMs, formatMs, formatMsWithUnit, formatPerSecond } from './format-values.js';
import { column, type Table } from './table.js';

/**
 * A summary-only record's figures as the imported files stated them, for every face (terminal,
 * Markdown, HTML, the app): each figure or "not stated", never a value computed in its place.
 * Pure: the renderer draws the same rows.
 */
export const NOT_STATED = 'not stated';

const percentileName = (p: number) => (p === 50 ? 'median (p50)' : `p${p}`);

/** The stated value of a percentile, or null. */
export function statedPercentile(summary: StatedSummary, percentile: number): number | null {
  return summary.latencyMs.percentiles.find((p) => p.percentile === percentile)?.valueMs ?? null;
}

export function statedSummaryRows(summary: StatedSummary): Array<[string, string]> {
  const l = summary.latencyMs;
  const ms = (v: number | null) => (v === null ? NOT_STATED : formatMsWithUnit(v));
  const rows: Array<[string, string]> = [
    ...l.percentiles.map((p): [string, string] => [`Latency ${percentileName(p.percentile)}`, formatMsWithUnit(p.valueMs)]),
    ['Latency mean', ms(l.mean)],
    ['Latency min', ms(l.min)],
    ['Latency max', ms(l.max)],
  ];
  for (const p of [50, 90, 95, 99]) if (!l.percentiles.some((q) => q.percentile === p)) rows.push([`Latency p${p}`, NOT_STATED]);
  for (const stage of summary.stages ?? []) {
    const parts = [
      ...stage.percentiles.map((p) => `${p.percentile === 50 ? 'median' : `p${p.percentile}`} ${formatMsWithUnit(p.valueMs)}`),
      ...(stage.mean !== null ? [`mean ${formatMsWithUnit(stage.mean)}`] : []),
      ...(stage.min !== null ? [`min ${formatMsWithUnit(stage.min)}`] : []),
      ...(stage.max !== null ? [`max ${formatMsWithUnit(stage.max)}`] : []),
    ];
    rows.push([stage.name, parts.join(' · ') || NOT_STATED]);
    if (stage.totalMs !== null) rows.push([`Total ${stage.name}`, formatDurationMs(stage.totalMs)]);
  }
  rows.push(
    ['Throughput', summary.throughputPerS === null ? NOT_STATED : formatPerSecond(summary.throughputPerS)],
    ['Iterations', `${summary.iterations === null ? NOT_STATED : formatCount(summary.iterations)}${summary.durationMs === null ? '' : ` in ${formatDurationMs(summary.durationMs)}`}`],
    ['First inference', ms(summary.firstInferenceMs)],
    ['Compile / engine build', ms(summary.compileMs)],
    ['Samples', 'none: summary only (no confidence intervals)'],
    ['Stated in', summary.source],
  );
  return rows;
}

export function statedSummaryTable(run: SummaryOnlyRun): Table {
  return { columns: [column('Figure'), column('As stated', 'right')], rows: statedSummaryRows(run.statedSummary) };
}

/** One line for lists: `p50 20.76 ms · mean 23.91 ms · 166.09/s (stated)`. */
export function statedSummaryLine(summary: StatedSummary): string {
  const parts = [
    ...summary.latencyMs.percentiles.map((p) => `p${p.percentile} ${formatMs(p.valueMs)} ms`),
    ...(summary.latencyMs.mean !== null ? [`mean ${formatMs(summary.latencyMs.mean)} ms`] : []),
    ...(summary.throughputPerS !== null ? [formatPerSecond(summary.throughputPerS)] : []),
  ];
  return parts.length > 0 ? `${parts.join(' · ')} (as stated; summary only)` : 'no latency stated (summary only)';
}
