import { escapeXml } from './escape.js';
import { formatDecimal } from './format-values.js';
import { seriesPlot, sparkline, type SeriesLine } from './series-lines.js';

/** An x value as written: a report number stays whole, a bucket's mean keeps one decimal. */
const xText = (v: number | undefined) => String(Number((v ?? 0).toFixed(1)));

interface SeriesBlock {
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
  return [...block.lines.map((l) => `${l.label.padEnd(width)}  ${sparkline(l.values, max)}  ${range(l.values)}`), `(${block.xLabel} ${xText(block.x[0])}–${xText(block.x.at(-1))}; bars from 0 to ${formatDecimal(max)} ${block.unit})`];
}

/** For HTML: an SVG line chart (no inline styles, so a strict CSP allows it) with a legend. */
export function seriesSvg(block: SeriesBlock, width = 600, height = 120): string {
  const plot = seriesPlot(block.x, block.lines, width, height);
  const polylines = plot.lines.flatMap((l) => l.points.map((p) => `<polyline points="${p.join(' ')}" fill="none" stroke="${l.colour}" stroke-width="1.5"><title>${escapeXml(l.label)}</title></polyline>`));
  const axis = `<text x="2" y="10" font-size="10">${escapeXml(`${formatDecimal(plot.yMax)} ${block.unit}`)}</text><text x="2" y="${height - 2}" font-size="10">${escapeXml(`${formatDecimal(plot.yMin)}`)}</text>`;
  const legend = plot.lines.map((l) => `<li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${l.colour}"/></svg> ${escapeXml(l.label)}</li>`);
  return `<svg class="series-chart" width="${width}" height="${height}" role="img" aria-label="${escapeXml(`${block.unit} by ${block.xLabel}`)}">${axis}${polylines.join('')}</svg>\n<ul class="bar-legend">\n${legend.join('\n')}\n</ul>\n<p class="note">${escapeXml(block.xLabel)} ${escapeXml(xText(block.x[0]))}–${escapeXml(xText(block.x.at(-1)))}</p>`;
}
