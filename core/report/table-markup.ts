import type { Table, TableColumn } from '../present/table.js';
import { escapeMarkdownCell, escapeXml } from './escape.js';

/** A core/present table as Markdown and as HTML, each escaped for its own syntax. */
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
