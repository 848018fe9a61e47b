import { extname } from 'node:path';
import { LabError } from '../api/errors.js';
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
} as const satisfies Record<string, Exporter>;

export type ReportFormat = keyof typeof exporters;

export const reportFormats = Object.keys(exporters) as ReportFormat[];

export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(exporters, name);
}

/** Validates a `--format` value; the error lists the formats there are. */
export function parseReportFormat(name: string): ReportFormat {
  if (isReportFormat(name)) return name;
  throw new LabError('usage', `Unknown report format "${name}".`, `Use one of: ${reportFormats.join(', ')}.`);
}

/** The format an output file name asks for (`--out report.html`), or null when its extension is not one. */
export function reportFormatForFileName(fileName: string): ReportFormat | null {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.markdown') return 'md';
  return reportFormats.find((format) => exporters[format].extension === extension) ?? null;
}

/**
 * The format to write to an output file: the one `--format` names, else the one its extension asks
 * for (`.junit` is JUnit XML too, as CI tools name those files), else Markdown for a name without
 * an extension. An extension that is no report format is refused rather than filled with Markdown.
 */
export function reportFormatForOutput(flag: string, fileName: string, format?: string): ReportFormat {
  if (format !== undefined) return parseReportFormat(format);
  const extension = extname(fileName).toLowerCase();
  if (extension === '') return 'md';
  if (extension === '.junit') return 'junit';
  const fromName = reportFormatForFileName(fileName);
  if (fromName) return fromName;
  throw new LabError(
    'usage',
    `${flag} ${fileName}: '${extension}' is not a report format edgelab writes.`,
    `Name the file .md, .html, .json, .csv or .xml/.junit (JUnit XML), or give the format with --format (${reportFormats.join(', ')}).`,
  );
}

export async function renderReport(format: ReportFormat, runs: RunRecord[], ctx: ReportContext): Promise<string> {
  if (runs.length === 0) {
    throw new LabError('usage', 'There are no runs to report.', 'Name one or more run ids, or run `edgelab bench` first.');
  }
  return exporters[format].render(runs, ctx);
}

export type { Exporter, ReportContext } from './exporter.js';
