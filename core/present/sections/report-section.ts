import type { BarSegment } from '../bar-parts.js';
import type { SeriesLine } from '../series-lines.js';
import type { Table } from '../table.js';

/**
 * A part of a run's report built once from one `extras.<key>` and drawn by every face (Markdown,
 * HTML, terminal), so the profile or the memory figures read the same wherever they are shown.
 * Text is plain; each renderer escapes for its own syntax.
 */
export interface ReportSection {
  /** The `extras` key the section comes from. */
  key: string;
  title: string;
  blocks: SectionBlock[];
}

export type SectionBlock =
  /** A paragraph: a written summary, a verdict sentence. */
  | { kind: 'text'; text: string }
  /** Short facts as bullets. */
  | { kind: 'lines'; items: string[] }
  /** Things to act on, each with what to do about it. */
  | { kind: 'findings'; caption?: string; items: SectionFinding[] }
  | { kind: 'table'; caption?: string; table: Table; note?: string }
  /** Parts of one whole side by side (a frame's latency by component): drawn as one bar. */
  | { kind: 'stacked-bar'; caption: string; unit: string; segments: BarSegment[] }
  /** Values over a shared x axis, one line each (a pipeline's FPS per stream, report by report). */
  | { kind: 'series'; caption: string; xLabel: string; unit: string; x: number[]; lines: SeriesLine[] };

export interface SectionFinding {
  code: string;
  message: string;
  advice: string;
}

export function textBlock(text: string): SectionBlock {
  return { kind: 'text', text };
}

export function tableBlock(table: Table, caption?: string, note?: string): SectionBlock {
  return { kind: 'table', table, ...(caption !== undefined ? { caption } : {}), ...(note !== undefined ? { note } : {}) };
}
