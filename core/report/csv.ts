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
  extension: '.csv',
  mediaType: 'text/csv; charset=utf-8',
  description: 'raw latency samples: run_id, iteration, latency_ms (breakdowns are in json/md/html)',
  async render(runs) {
    const lines = ['run_id,iteration,latency_ms'];
    for (const run of runs) {
      const id = csvField(run.id);
      run.samplesMs.forEach((latencyMs, i) => lines.push(`${id},${i + 1},${latencyMs}`));
    }
    return lines.join('\n') + '\n';
  },
};

/** RFC 4180 quoting: ids are edgelab's own, but a record from elsewhere may carry any text. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
