import type { FleetCell, FleetReport } from '../api/fleet-report.js';
import { fleetSections } from '../present/fleet-sections.js';
import { provenanceLabel } from '../present/provenance-label.js';
import { visibleText } from '../present/visible-text.js';
import { escapeMarkdownText, escapeXml } from './escape.js';
import { REPORT_STYLE } from './html-style.js';
import { htmlSection, markdownSection } from './section-markup.js';

export type FleetFormat = 'md' | 'html' | 'csv' | 'json';

export interface FleetReportContext {
  generatedAt: Date;
  edgelabVersion?: string;
  title?: string;
}

/** The fleet report in one of its formats; the sections come from core/present, as the app's Fleet screen draws them. */
export function renderFleetReport(fleet: FleetReport, format: FleetFormat, ctx: FleetReportContext): string {
  const title = ctx.title ?? 'edgelab fleet report';
  const generated = `Generated ${ctx.generatedAt.toISOString()} by edgelab${ctx.edgelabVersion ? ` ${ctx.edgelabVersion}` : ''}; evidence ledger head ${fleet.ledgerHead ?? '(empty)'} (pin it; check with edgelab runs verify --head HASH)`;
  switch (format) {
    case 'json':
      return `${JSON.stringify({ generatedAt: ctx.generatedAt.toISOString(), ...fleet }, null, 2)}\n`;
    case 'csv':
      return fleetCsv(fleet);
    case 'md':
      return [`# ${escapeMarkdownText(title)}`, `_${escapeMarkdownText(generated)}_`, ...fleetSections(fleet).flatMap((s) => markdownSection(s, 2))].join('\n\n') + '\n';
    case 'html':
      return [
        '<!DOCTYPE html>',
        '<html lang="en">',
        '<head>',
        '<meta charset="utf-8">',
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        `<title>${escapeXml(title)}</title>`,
        // The matrix is wider than a run report: let it use the page.
        `<style>\n${REPORT_STYLE}body { max-width: none; }\n</style>`,
        '</head>',
        '<body>',
        `<header>\n<h1>${escapeXml(title)}</h1>\n<p class="meta">${escapeXml(generated)}</p>\n</header>`,
        ...fleetSections(fleet).map((s) => htmlSection(s, 2)),
        '</body>',
        '</html>',
        '',
      ].join('\n');
  }
}

const CSV_COLUMNS = [
  'hardware_kind', 'unit', 'unit_id', 'unit_source', 'model', 'model_sha256', 'engine', 'precision', 'scenario', 'power_mode', 'clocks', 'evidence', 'evidence_detail',
  'p50_ms', 'p99_ms', 'throughput_per_s', 'joules_per_inference', 'verdict', 'samples', 'sibling_units', 'sibling_u', 'sibling_p_one_sided', 'sibling_threshold', 'sibling_median_ratio', 'slower', 'run_id', 'runs', 'ledger_head',
] as const;

/** One row per cell, figures at full precision (for re-analysis); an empty field is a figure the run does not have. */
function fleetCsv(fleet: FleetReport): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const cell of fleet.cells) lines.push(csvRow(cell, fleet.ledgerHead).map(csvField).join(','));
  return lines.join('\n') + '\n';
}

function csvRow(c: FleetCell, head: string | null): string[] {
  const n = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));
  const s = c.siblings;
  return [
    c.kindKey, c.unit.name, c.unit.id ?? '', c.unit.source ?? '', c.model, c.modelSha256 ?? '', c.engine, c.precision, c.scenario, c.powerMode, c.clocks, c.provenance.kind, provenanceLabel(c.provenance),
    n(c.p50Ms), n(c.p99Ms), n(c.throughputPerS), n(c.joulesPerInference), c.verdict, String(c.samples),
    n(s?.units), n(s?.statistic), n(s?.pValue), n(s?.threshold), n(s?.medianRatio), s ? String(s.slower) : '', c.runId, String(c.runs), head ?? '',
  ];
}

/** RFC 4180 quoting; unit labels and model names are the user's text. */
function csvField(raw: string): string {
  const text = visibleText(raw);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
