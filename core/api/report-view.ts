/**
 * A section of a run's report as data (core/present/sections/report-section.ts), for the app to draw with
 * its own markup: the parity, output check and accuracy tables read the same in the app as in the
 * Markdown and HTML reports. Types only: the renderer imports this file.
 */
export interface ReportTableView {
  columns: Array<{ header: string; align: 'left' | 'right' }>;
  rows: string[][];
}

export type ReportBlockView =
  | { kind: 'text'; text: string }
  | { kind: 'lines'; items: string[] }
  | { kind: 'findings'; caption?: string; items: Array<{ code: string; message: string; advice: string }> }
  | { kind: 'table'; caption?: string; table: ReportTableView; note?: string }
  | { kind: 'stacked-bar'; caption: string; unit: string; segments: Array<{ label: string; value: number }> }
  | { kind: 'series'; caption: string; xLabel: string; unit: string; x: number[]; lines: Array<{ label: string; values: (number | null)[] }> };

export interface ReportSectionView {
  /** The `extras` key the section comes from. */
  key: string;
  title: string;
  blocks: ReportBlockView[];
}
