import { LabError } from '../api/errors.js';
import type { ReportFormat } from '../api/report-formats.js';
import type { RunRecord } from '../api/run-record.js';
import { csvExporter } from './csv.js';
import type { Exporter, ReportContext } from './exporter.js';
import { htmlExporter } from './html.js';
import { jsonExporter } from './json.js';
import { junitExporter } from './junit.js';
import { markdownExporter } from './markdown.js';

/** Every report format, by its `--format` value. The keys type the flag; add a format here only. */
export const exporters = {
  md: markdownExporter,
  html: htmlExporter,
  json: jsonExporter,
  csv: csvExporter,
  junit: junitExporter,
} as const satisfies Record<ReportFormat, Exporter>;

// The formats themselves (names, extensions, which file asks for which) are the contract's: every
// face reads them from core/api; this module renders them.
export { isReportFormat, parseReportFormat, reportFormatForFileName, reportFormatForOutput, reportFormats, type ReportFormat } from '../api/report-formats.js';

export async function renderReport(format: ReportFormat, runs: RunRecord[], ctx: ReportContext): Promise<string> {
  if (runs.length === 0) {
    throw new LabError('usage', 'There are no runs to report.', 'Name one or more run ids, or run `edgelab bench` first.');
  }
  return exporters[format].render(runs, ctx);
}

export type { Exporter, ReportContext } from './exporter.js';
