import { escapeMarkdownText, escapeXml } from './escape.js';
import type { ReportSection, SectionBlock } from '../present/sections/report-section.js';
import { barLines } from '../present/bar-parts.js';
import { seriesLines } from '../present/series-lines.js';
import { seriesSvg } from './series-chart.js';
import { barSvg } from './stacked-bar.js';
import { htmlTable, markdownTable } from './table-markup.js';

/** A section as Markdown blocks (the exporter joins them with blank lines); level 3 within a run. */
export function markdownSection(section: ReportSection, level = 3): string[] {
  return [`${'#'.repeat(level)} ${escapeMarkdownText(section.title)}`, ...section.blocks.flatMap(markdownBlock)];
}

function markdownBlock(block: SectionBlock): string[] {
  switch (block.kind) {
    case 'text':
      return [escapeMarkdownText(block.text)];
    case 'lines':
      return block.items.length > 0 ? [block.items.map((item) => `- ${escapeMarkdownText(item)}`).join('\n')] : [];
    case 'findings':
      if (block.items.length === 0) return [];
      return [
        ...(block.caption ? [`**${escapeMarkdownText(block.caption)}**`] : []),
        block.items.map((f) => `- **${escapeMarkdownText(f.code)}**: ${escapeMarkdownText(f.message)}<br>→ ${escapeMarkdownText(f.advice)}`).join('\n'),
      ];
    case 'table':
      return [
        ...(block.caption ? [`**${escapeMarkdownText(block.caption)}**`] : []),
        markdownTable(block.table),
        ...(block.note ? [`_${escapeMarkdownText(block.note)}_`] : []),
      ];
    case 'stacked-bar':
      return [`**${escapeMarkdownText(block.caption)}**`, ['```text', ...barLines(block), '```'].join('\n')];
    case 'series':
      return [`**${escapeMarkdownText(block.caption)}**`, ['```text', ...seriesLines(block), '```'].join('\n')];
  }
}

export function htmlSection(section: ReportSection, level = 3): string {
  const parts = [`<section class="extra extra-${escapeXml(cssName(section.key))}">`, `<h${level}>${escapeXml(section.title)}</h${level}>`];
  for (const block of section.blocks) parts.push(...htmlBlock(block));
  parts.push('</section>');
  return parts.join('\n');
}

function htmlBlock(block: SectionBlock): string[] {
  switch (block.kind) {
    case 'text':
      return [`<p>${escapeXml(block.text)}</p>`];
    case 'lines':
      return block.items.length > 0 ? [`<ul>\n${block.items.map((item) => `<li>${escapeXml(item)}</li>`).join('\n')}\n</ul>`] : [];
    case 'findings': {
      const items = block.items.map(
        (f) => `<li><strong>${escapeXml(f.code)}</strong>: ${escapeXml(f.message)}<br><span class="advice">→ ${escapeXml(f.advice)}</span></li>`,
      );
      if (items.length === 0) return [];
      return [...(block.caption ? [`<h4>${escapeXml(block.caption)}</h4>`] : []), `<ul class="findings">\n${items.join('\n')}\n</ul>`];
    }
    case 'table':
      return [
        ...(block.caption ? [`<h4>${escapeXml(block.caption)}</h4>`] : []),
        htmlTable(block.table),
        ...(block.note ? [`<p class="note">${escapeXml(block.note)}</p>`] : []),
      ];
    case 'stacked-bar':
      return [`<h4>${escapeXml(block.caption)}</h4>`, barSvg(block)];
    case 'series':
      return [`<h4>${escapeXml(block.caption)}</h4>`, seriesSvg(block)];
  }
}

/** An extras key as a class name: keys are producers' identifiers, but a record may carry any text. */
function cssName(key: string): string {
  return key.replace(/[^A-Za-z0-9_-]/g, '-');
}
