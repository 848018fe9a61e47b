import { REPORT_FORMATS } from '../api/report-formats.js';
import type { RunProvenance } from '../api/run-provenance.js';
import type { RunRecord } from '../api/run-record.js';
import { escapeMarkdownText, markdownCode } from './escape.js';
import type { Exporter } from './exporter.js';
import { QUANTILE_DEFINITION } from '../stats/quantile.js';
import { runSections } from '../present/sections/run-sections.js';
import { markdownSection } from './section-markup.js';
import { tradeoffSection } from '../present/sections/tradeoff-section.js';
import { runTitle, verdictSymbol } from '../present/run-labels.js';
import { statedSummaryTable } from '../present/stated-summary.js';
import { overviewTable, percentileTable, settingsTable, summaryTable, verdictTable } from '../present/run-tables.js';
import { markdownTable } from './table-markup.js';
import { reportHeading, generatedLine } from './report-heading.js';

/**
 * GitHub-flavoured Markdown to paste into a pull request or a design review: tables render there,
 * settings fold away in a <details> block, and nothing depends on images.
 */
export const markdownExporter: Exporter = {
  format: 'md',
  ...REPORT_FORMATS.md,
  async render(runs, ctx) {
    const blocks = [`# ${escapeMarkdownText(reportHeading(runs, ctx))}`, `_${escapeMarkdownText(generatedLine(runs, ctx))}_`];
    if (runs.length > 1) {
      blocks.push('## Overview', markdownTable(overviewTable(runs)));
      const tradeoff = tradeoffSection(runs);
      if (tradeoff) blocks.push(...markdownSection(tradeoff, 2));
    }
    for (const run of runs) blocks.push(...runBlocks(run, ctx.merged?.[run.id]));
    return blocks.join('\n\n') + '\n';
  },
};

function runBlocks(run: RunRecord, merged: RunProvenance | undefined): string[] {
  const blocks = [`## ${escapeMarkdownText(runTitle(run))} — ${run.state}`, `Run ${markdownCode(run.id)}`, markdownTable(summaryTable(run, merged))];
  if (run.state === 'completed') {
    blocks.push('### Targets');
    blocks.push(run.verdicts.length > 0 ? markdownTable(verdictTable(run, verdictSymbol)) : 'No targets were set for this run.');
    blocks.push('### Latency', markdownTable(percentileTable([run])), escapeMarkdownText(QUANTILE_DEFINITION));
    if (run.warnings.length > 0) {
      blocks.push(
        '### Warnings',
        run.warnings
          .map((w) => `- ⚠️ **${escapeMarkdownText(w.code)}**: ${escapeMarkdownText(w.message)}<br>${escapeMarkdownText(w.advice)}`)
          .join('\n'),
      );
    }
  }
  if (run.state === 'summary-only') {
    blocks.push('### Targets', run.verdicts.length > 0 ? markdownTable(verdictTable(run, verdictSymbol)) : 'No targets were set for this run.');
    blocks.push('### Latency as stated', markdownTable(statedSummaryTable(run)), escapeMarkdownText(`Summary only: ${run.statedSummary.note}.`));
    if (run.warnings.length > 0) {
      blocks.push('### Warnings', run.warnings.map((w) => `- ⚠️ **${escapeMarkdownText(w.code)}**: ${escapeMarkdownText(w.message)}<br>${escapeMarkdownText(w.advice)}`).join('\n'));
    }
  }
  for (const section of runSections(run)) blocks.push(...markdownSection(section));
  blocks.push(`<details><summary>Settings</summary>\n\n${markdownTable(settingsTable(run))}\n\n</details>`);
  return blocks;
}
