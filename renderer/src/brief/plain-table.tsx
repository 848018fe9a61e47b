import type { Table } from '../../../core/present/table.js';

/** A core/present table as the reports draw it, for the Brief screen's options and prices. */
export function PlainTable({ table, caption }: { table: Table; caption?: string }) {
  return (
    <table className="report-table">
      {caption ? <caption>{caption}</caption> : null}
      <thead><tr>{table.columns.map((c, i) => <th key={i} scope="col" className={c.align === 'right' ? 'num' : undefined}>{c.header}</th>)}</tr></thead>
      <tbody>{table.rows.map((row, r) => <tr key={r}>{row.map((cell, i) => <td key={i} className={table.columns[i]?.align === 'right' ? 'num' : undefined}>{cell}</td>)}</tr>)}</tbody>
    </table>
  );
}
