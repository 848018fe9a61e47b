import { REPORT_FORMATS } from '../api/report-formats.js';
import { acceleratorLabel, acceleratorOfRecord } from '../hardware/accelerator.js';
import type { CompletedRun, RunRecord } from '../api/run-record.js';
import type { RunProvenance } from '../api/run-provenance.js';
import { latencyHistogramSpec } from '../present/charts/latency-histogram.js';
import { latencyOverTimeSpec } from '../present/charts/latency-over-time.js';
import { renderChartSvg } from '../charts/render-svg.js';
import { escapeXml } from './escape.js';
import type { EmbeddedPictures, Exporter } from './exporter.js';
import { QUANTILE_DEFINITION } from '../stats/quantile.js';
import { runSections } from '../present/sections/run-sections.js';
import { htmlSection } from './section-markup.js';
import { picturesSection } from './picture-markup.js';
import { tradeoffSection } from '../present/sections/tradeoff-section.js';
import { hardwareLabel, runTitle, verdictSymbol } from '../present/run-labels.js';
import { overviewTable, percentileTable, settingsTable, summaryTable, verdictTable } from '../present/run-tables.js';
import { htmlTable } from './table-markup.js';
import { generatedLine, reportHeading } from './report-heading.js';
import { REPORT_STYLE, RUN_REPORT_STYLE } from './html-style.js';

/**
 * One self-contained HTML file that opens from disk, offline, years later: CSS inline, charts as
 * inline SVG rendered here (no script runs in the page), system fonts only. The page's own CSP
 * forbids every fetch, so a report cannot leak that it was opened.
 */
export const htmlExporter: Exporter = {
  format: 'html',
  ...REPORT_FORMATS.html,
  async render(runs, ctx) {
    const heading = reportHeading(runs, ctx);
    const body: string[] = [`<header>\n<h1>${escapeXml(heading)}</h1>\n<p class="meta">${escapeXml(generatedLine(runs, ctx))}</p>\n</header>`];
    if (runs.length > 1) {
      body.push(`<section>\n<h2>Overview</h2>\n${htmlTable(overviewTable(runs))}\n</section>`);
      const tradeoff = tradeoffSection(runs);
      if (tradeoff) body.push(htmlSection(tradeoff, 2));
    }
    for (const run of runs) body.push(await runSection(run, ctx.merged?.[run.id], ctx.pictures?.[run.id]));
    return [
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${escapeXml(heading)}</title>`,
      `<style>\n${REPORT_STYLE}${RUN_REPORT_STYLE}</style>`,
      '</head>',
      '<body>',
      ...body,
      '</body>',
      '</html>',
      '',
    ].join('\n');
  },
};

async function runSection(run: RunRecord, merged: RunProvenance | undefined, pictures: EmbeddedPictures | undefined): Promise<string> {
  const parts = [
    `<section class="run state-${escapeXml(run.state)}">`,
    `<h2>${escapeXml(runTitle(run))} <span class="state">${escapeXml(run.state)}</span></h2>`,
    `<p class="meta">Run <code>${escapeXml(run.id)}</code> on ${escapeXml(hardwareLabel(run))}${acceleratorMeta(run)}</p>`,
    htmlTable(summaryTable(run, merged), 'summary'),
  ];
  if (run.state === 'completed') parts.push(...(await completedParts(run)));
  if (run.state === 'summary-only') {
    // The stated figures are in the summary table above; no samples, so no charts.
    parts.push('<h3>Targets</h3>', run.verdicts.length > 0 ? htmlTable(verdictTable(run, verdictSymbol), 'verdicts') : '<p class="note">No targets were set for this run.</p>');
    parts.push(`<p class="note">${escapeXml(`Summary only: ${run.statedSummary.note}.`)}</p>`);
    if (run.warnings.length > 0) parts.push(`<ul class="warnings">${run.warnings.map((w) => `<li><strong>${escapeXml(w.code)}</strong>: ${escapeXml(w.message)} ${escapeXml(w.advice)}</li>`).join('')}</ul>`);
  }
  for (const section of runSections(run)) parts.push(htmlSection(section));
  if (pictures) parts.push(picturesSection(pictures));
  parts.push(`<details>\n<summary>Settings</summary>\n${htmlTable(settingsTable(run))}\n</details>`, '</section>');
  return parts.join('\n');
}

async function completedParts(run: CompletedRun): Promise<string[]> {
  const parts = ['<h3>Targets</h3>'];
  parts.push(run.verdicts.length > 0 ? htmlTable(verdictTable(run, verdictSymbol), 'verdicts') : '<p class="note">No targets were set for this run.</p>');
  parts.push('<h3>Latency</h3>', htmlTable(percentileTable([run])), `<p class="note">${escapeXml(QUANTILE_DEFINITION)}</p>`);
  if (run.samplesMs.length > 0) {
    parts.push(
      figure(await renderChartSvg(latencyHistogramSpec(run)), 'Latency distribution; dashed lines mark p50 and p99.'),
      figure(await renderChartSvg(latencyOverTimeSpec(run)), 'Latency in iteration order: a slope is drift (heat, background load), isolated peaks are spikes.'),
    );
  }
  if (run.warnings.length > 0) {
    const items = run.warnings.map(
      (w) => `<li><strong>${escapeXml(w.code)}</strong>: ${escapeXml(w.message)}<br><span class="advice">${escapeXml(w.advice)}</span></li>`,
    );
    parts.push('<h3>Warnings</h3>', `<ul class="warnings">\n${items.join('\n')}\n</ul>`);
  }
  return parts;
}

function figure(svg: string, caption: string): string {
  return `<figure>\n${svg}\n<figcaption>${escapeXml(caption)}</figcaption>\n</figure>`;
}

function acceleratorMeta(run: RunRecord): string {
  const accelerator = acceleratorOfRecord(run);
  return accelerator ? `, device ${escapeXml(acceleratorLabel(accelerator))}` : '';
}
