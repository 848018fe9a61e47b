import { formatDecimal } from './format-values.js';

/**
 * Lines over a shared x axis (a pipeline's FPS per stream, report after report), planned once for
 * every face: SVG polyline points for HTML and the app, a sparkline of block characters for text and
 * Markdown. A null value is a gap. Dependency-free: the renderer draws from it too.
 */
export interface SeriesLine {
  label: string;
  values: (number | null)[];
}

export interface SeriesPlot {
  lines: Array<{ label: string; points: string[][]; colour: string }>;
  yMin: number;
  yMax: number;
}

export const SERIES_PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#eeca3b', '#b279a2', '#ff9da6'];

/** Polyline point lists per line (one list per unbroken run of values), scaled to width × height. */
export function seriesPlot(x: readonly number[], lines: readonly SeriesLine[], width: number, height: number): SeriesPlot {
  const all = lines.flatMap((l) => l.values.filter((v): v is number => v !== null));
  const yMin = all.length > 0 ? Math.min(0, ...all) : 0;
  const yMax = all.length > 0 ? Math.max(...all) * 1.05 || 1 : 1;
  const xMin = x[0] ?? 0;
  const xMax = x.length > 1 ? x[x.length - 1]! : xMin + 1;
  const sx = (v: number) => ((v - xMin) / (xMax - xMin || 1)) * width;
  const sy = (v: number) => height - ((v - yMin) / (yMax - yMin || 1)) * height;
  return {
    yMin,
    yMax,
    lines: lines.map((l, i) => {
      const runs: string[][] = [[]];
      l.values.forEach((v, j) => {
        if (v === null || x[j] === undefined) {
          if (runs[runs.length - 1]!.length > 0) runs.push([]);
          return;
        }
        runs[runs.length - 1]!.push(`${sx(x[j]!).toFixed(1)},${sy(v).toFixed(1)}`);
      });
      return { label: l.label, points: runs.filter((r) => r.length > 0), colour: SERIES_PALETTE[i % SERIES_PALETTE.length]! };
    }),
  };
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/** One character per value, scaled from 0 to the largest value of all lines; a gap is a space. */
export function sparkline(values: readonly (number | null)[], max: number): string {
  return values.map((v) => (v === null ? ' ' : BLOCKS[Math.min(7, Math.max(0, Math.round((v / (max || 1)) * 7)))]!)).join('');
}

/** An x value as written: a report number stays whole, a bucket's mean keeps one decimal. */
export const seriesXText = (v: number | undefined) => String(Number((v ?? 0).toFixed(1)));

export interface SeriesBlock {
  xLabel: string;
  unit: string;
  x: number[];
  lines: SeriesLine[];
}

/** For text and Markdown: one sparkline per line, with its range. */
export function seriesLines(block: SeriesBlock): string[] {
  const all = block.lines.flatMap((l) => l.values.filter((v): v is number => v !== null));
  const max = all.length > 0 ? Math.max(...all) : 0;
  const width = Math.max(...block.lines.map((l) => l.label.length), 4);
  const range = (vs: (number | null)[]) => {
    const known = vs.filter((v): v is number => v !== null);
    return known.length > 0 ? `${formatDecimal(Math.min(...known))}–${formatDecimal(Math.max(...known))} ${block.unit}` : 'no values';
  };
  return [...block.lines.map((l) => `${l.label.padEnd(width)}  ${sparkline(l.values, max)}  ${range(l.values)}`), `(${block.xLabel} ${seriesXText(block.x[0])}–${seriesXText(block.x.at(-1))}; bars from 0 to ${formatDecimal(max)} ${block.unit})`];
}
