import { visibleLine } from './visible-text.js';

/**
 * A report table as data: built once from a run (run-tables.ts) and drawn as Markdown, HTML or
 * aligned terminal text (core/report/table-markup.ts draws the first two), so every face shows the
 * same rows. Cells are plain text; each renderer escapes for its own syntax.
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
