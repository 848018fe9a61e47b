import { barLines } from './bar-parts.js';
import type { ReportSection } from './sections/report-section.js';
import { seriesLines } from './series-lines.js';
import { textTable } from './table.js';

/** A section for the terminal: a lower-case heading, then its blocks indented, a blank line apart. */
export function textSection(section: ReportSection): string {
  const lines = [section.title.toLowerCase()];
  section.blocks.forEach((block, i) => {
    if (i > 0) lines.push('');
    switch (block.kind) {
      case 'text':
        lines.push(`  ${block.text}`);
        break;
      case 'lines':
        lines.push(...block.items.map((item) => `  ${item}`));
        break;
      case 'findings': {
        const indent = block.caption ? '    ' : '  ';
        if (block.caption) lines.push(`  ${block.caption}`);
        for (const f of block.items) lines.push(`${indent}! ${f.code}: ${f.message}`, `${indent}  → ${f.advice}`);
        break;
      }
      case 'table':
        if (block.caption) lines.push(`  ${block.caption}`);
        lines.push(textTable(block.table, block.caption ? '    ' : '  '));
        if (block.note) lines.push(`  ${block.note}`);
        break;
      case 'stacked-bar':
        lines.push(`  ${block.caption}`, ...barLines(block).map((l) => `    ${l}`));
        break;
      case 'series':
        lines.push(`  ${block.caption}`, ...seriesLines(block).map((l) => `    ${l}`));
        break;
    }
  });
  return lines.join('\n');
}
