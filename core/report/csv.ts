import { REPORT_FORMATS } from '../api/report-formats.js';
import { evidenceKind } from '../api/run-record.js';
import { provenanceLabel } from '../present/provenance-label.js';
import { visibleText } from '../present/visible-text.js';
import type { Exporter } from './exporter.js';

/**
 * Raw samples, one row per timed iteration, several runs stacked in one file (long format, the shape
 * pandas, R and spreadsheets pivot from). Latencies keep full precision: the CSV is for re-analysis.
 * Samples of a failed or cancelled run are included: they were measured before it stopped.
 * Only samples: a second table (a profile's op types, pipeline stages) in the same file would give
 * it rows of another shape, which no CSV reader accepts; those breakdowns travel in the JSON,
 * Markdown and HTML reports.
 */
export const csvExporter: Exporter = {
  format: 'csv',
  ...REPORT_FORMATS.csv,
  async render(runs, ctx) {
    // A column evidence appears when an imported run is among them, so another tool's numbers are
    // never read as edgelab's. The ledger head to pin (and the signed one) travel as columns too:
    // a comment line would break readers that follow RFC 4180.
    const evidenceOf = (r: (typeof runs)[number]) => (ctx.merged?.[r.id] ? provenanceLabel(ctx.merged[r.id]) : evidenceKind(r));
    const marked = runs.some((r) => evidenceOf(r) !== 'measured');
    const pins = [...(ctx.ledgerHead ? [['ledger_head', ctx.ledgerHead]] : []), ...(ctx.signedHead ? [['signed_head', `${ctx.signedHead.entryHash}@${ctx.signedHead.seq}`]] : [])];
    const pinned = pins.map(([, value]) => `,${value}`).join('');
    const lines = [`run_id,iteration,latency_ms${marked ? ',evidence' : ''}${pins.map(([name]) => `,${name}`).join('')}`];
    for (const run of runs) {
      const id = csvField(run.id);
      const evidence = marked ? `,${csvField(evidenceOf(run))}` : '';
      run.samplesMs.forEach((latencyMs, i) => lines.push(`${id},${i + 1},${latencyMs}${evidence}${pinned}`));
    }
    return lines.join('\n') + '\n';
  },
};

/** RFC 4180 quoting: ids are edgelab's own, but a record from elsewhere may carry any text. */
function csvField(raw: string): string {
  const text = visibleText(raw);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
