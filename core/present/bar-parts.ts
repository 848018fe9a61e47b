import { formatDecimal, formatPercent } from './format-values.js';

/**
 * A stacked bar for every face from one plan: each segment's share of the whole, in order, with a
 * fixed palette so the same component has the same colour in the HTML report and the app.
 * Dependency-free: the renderer draws from it too.
 */
export interface BarSegment {
  label: string;
  value: number;
}

export const BAR_PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'];

export interface BarPart extends BarSegment {
  share: number;
  colour: string;
}

export function barParts(segments: readonly BarSegment[]): BarPart[] {
  const total = segments.reduce((sum, s) => sum + Math.max(0, s.value), 0);
  return segments.map((s, i) => ({ ...s, share: total > 0 ? Math.max(0, s.value) / total : 0, colour: BAR_PALETTE[i % BAR_PALETTE.length]! }));
}

/** For text and Markdown: one line per segment with a bar of block characters, 40 to the whole. */
export function barLines(bar: { unit: string; segments: readonly BarSegment[] }): string[] {
  const parts = barParts(bar.segments);
  const width = Math.max(...parts.map((p) => p.label.length), 4);
  return parts.map((p) => `${p.label.padEnd(width)}  ${'█'.repeat(Math.round(p.share * 40)).padEnd(40, '·')}  ${formatDecimal(p.value)} ${bar.unit} (${formatPercent(p.share)})`);
}
