import { LabError } from './errors.js';

/**
 * The report formats every face offers, with what each file is: the CLI's `--format`, `--out` and
 * `--report`, the app's export buttons and the lab's exportReport all read this one table, and
 * core/report renders each. Pure data and text, so any face may use it.
 */
export const REPORT_FORMATS = {
  md: { extension: '.md', mediaType: 'text/markdown; charset=utf-8', description: 'GitHub-flavoured Markdown for a pull request' },
  html: { extension: '.html', mediaType: 'text/html; charset=utf-8', description: 'one self-contained HTML page with charts, no network' },
  json: { extension: '.json', mediaType: 'application/json', description: 'the run records (under runs) and the ledger head to pin, keys sorted, for diffs and other tools' },
  csv: {
    extension: '.csv',
    mediaType: 'text/csv; charset=utf-8',
    description: 'raw latency samples: run_id, iteration, latency_ms (+ evidence when a run is imported, + the ledger head to pin; breakdowns are in json/md/html)',
  },
  junit: { extension: '.xml', mediaType: 'application/xml', description: 'JUnit XML: one testsuite per run, one testcase per target' },
} as const;

export type ReportFormat = keyof typeof REPORT_FORMATS;

export const reportFormats = Object.keys(REPORT_FORMATS) as ReportFormat[];

export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(REPORT_FORMATS, name);
}

/** Validates a `--format` value; the error lists the formats there are. */
export function parseReportFormat(name: string): ReportFormat {
  if (isReportFormat(name)) return name;
  throw new LabError('usage', `Unknown report format "${name}".`, `Use one of: ${reportFormats.join(', ')}.`);
}

/** `.html` of `dir/report.HTML`; '' when the last part of the name has no dot (as node:path's extname). */
function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

/** The format an output file name asks for (`--out report.html`), or null when its extension is not one. */
export function reportFormatForFileName(fileName: string): ReportFormat | null {
  const extension = extensionOf(fileName);
  if (extension === '.markdown') return 'md';
  return reportFormats.find((format) => REPORT_FORMATS[format].extension === extension) ?? null;
}

/**
 * The format to write to an output file: the one `--format` names, else the one its extension asks
 * for (`.junit` is JUnit XML too, as CI tools name those files), else Markdown for a name without
 * one. Any other extension is refused rather than written in a format the name does not say.
 */
export function reportFormatForOutput(flag: string, fileName: string, format?: string): ReportFormat {
  if (format !== undefined) return parseReportFormat(format);
  const extension = extensionOf(fileName);
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
