import type { RunRecord } from '../api/run-record.js';
import type { SweepRunView } from '../api/sweep-run.js';

const fixed = (n: number | null | undefined, digits = 2) => (n === undefined || n === null ? '–' : n.toFixed(digits));
/** The lab names a point with no axis value `defaults`; the table has always said `(base)`. */
const configuration = (point: string) => (point === 'defaults' ? '(base)' : point);

/** `edgelab sweep`'s table: one row per point, the best marked `*`, then the best configuration and why. */
export function formatSweepTable(result: SweepRunView, records: ReadonlyMap<string, RunRecord>): string {
  const header = ['#', 'configuration', 'p50 ms', 'p99 ms', 'per-sample p50 ms', 'inferences/s', 'samples/s', 'targets', 'run'];
  const rows = result.points.map((point, index) => {
    const mark = result.bestRunId === point.runId ? '*' : '';
    const record = records.get(point.runId);
    if (record?.state !== 'completed') return [`${index + 1}${mark}`, configuration(point.point), '–', '–', '–', '–', '–', point.state, point.runId];
    const perSample = record.extras.perSample as { p50Ms?: number } | undefined;
    const verdicts = point.verdict === 'none' || point.verdict === null ? '–' : point.verdict;
    return [`${index + 1}${mark}`, configuration(point.point), fixed(record.latencyMs.p50, 3), fixed(record.latencyMs.p99, 3), fixed(perSample?.p50Ms, 3), fixed(record.throughputPerS, 1), fixed(point.ratePerS, 1), verdicts, point.runId];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c < 2 || c >= 7 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number))).join('  ').trimEnd();
  const best = result.points.find((p) => p.runId === result.bestRunId);
  const bestLine = best ? `Best: ${configuration(best.point)} (${best.runId}): ${result.bestReason}` : `Best: none. ${result.bestReason}`;
  return [`Sweep ${result.sweepId}`, line(header), ...rows.map(line), '', bestLine].join('\n');
}
