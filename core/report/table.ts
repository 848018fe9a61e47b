import { escapeMarkdownCell, escapeXml, visibleLine } from './escape.js';

/**
 * A report table as data: built once from a run (run-tables.ts) and drawn as Markdown, HTML or
 * aligned terminal text, so every face shows the same rows. Cells are plain text; each renderer
 * escapes for its own syntax.
 */
export interface Table {
  columns: TableColumn[];
  rows: string[][];
}

export interface TableColumn {
  header: string;
  /** Numbers are right-aligned so that their decimals line up. */
  align: 'left' | 'right';
}

export function column(header: string, align: TableColumn['align'] = 'left'): TableColumn {
  return { header, align };
}

export function markdownTable(table: Table): string {
  const line = (cells: string[]) => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  const rule = `|${table.columns.map((c) => (c.align === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  return [line(table.columns.map((c) => c.header)), rule, ...table.rows.map(line)].join('\n');
}

export function htmlTable(table: Table, className?: string): string {
  const cls = (c: TableColumn | undefined) => (c?.align === 'right' ? ' class="num"' : '');
  const head = table.columns.map((c) => `<th${cls(c)}>${escapeXml(c.header)}</th>`).join('');
  const body = table.rows
    .map((row) => `<tr>${row.map((cell, i) => `<td${cls(table.columns[i])}>${escapeXml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  const tableClass = className ? ` class="${escapeXml(className)}"` : '';
  return `<table${tableClass}>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** Aligned columns for a terminal; `indent` prefixes every line. Headers are omitted when empty. */
export function textTable(table: Table, indent = ''): string {
  const showHeader = table.columns.some((c) => c.header !== '');
  // Escaped before measuring, so the widths are those of what the terminal shows, one line a row.
  const all = (showHeader ? [table.columns.map((c) => c.header), ...table.rows] : table.rows).map((row) => row.map(visibleLine));
  const widths = table.columns.map((_, i) => Math.max(...all.map((row) => displayWidth(row[i] ?? ''))));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(cell)));
        const isLast = i === cells.length - 1;
        if (table.columns[i]?.align === 'right') return pad + cell;
        return isLast ? cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return all.map(line).join('\n');
}

/** Width in terminal columns: code points, not UTF-16 units (µ, ×, ± are one column). */
function displayWidth(text: string): number {
  return Array.from(text).length;
}
