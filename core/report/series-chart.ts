import { escapeXml } from './escape.js';
import { formatDecimal } from '../present/format-values.js';
import { seriesPlot, seriesXText, type SeriesBlock } from '../present/series-lines.js';

/** For HTML: an SVG line chart (no inline styles, so a strict CSP allows it) with a legend. */
export function seriesSvg(block: SeriesBlock, width = 600, height = 120): string {
  const plot = seriesPlot(block.x, block.lines, width, height);
  const polylines = plot.lines.flatMap((l) => l.points.map((p) => `<polyline points="${p.join(' ')}" fill="none" stroke="${l.colour}" stroke-width="1.5"><title>${escapeXml(l.label)}</title></polyline>`));
  const axis = `<text x="2" y="10" font-size="10">${escapeXml(`${formatDecimal(plot.yMax)} ${block.unit}`)}</text><text x="2" y="${height - 2}" font-size="10">${escapeXml(`${formatDecimal(plot.yMin)}`)}</text>`;
  const legend = plot.lines.map((l) => `<li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${l.colour}"/></svg> ${escapeXml(l.label)}</li>`);
  return `<svg class="series-chart" width="${width}" height="${height}" role="img" aria-label="${escapeXml(`${block.unit} by ${block.xLabel}`)}">${axis}${polylines.join('')}</svg>\n<ul class="bar-legend">\n${legend.join('\n')}\n</ul>\n<p class="note">${escapeXml(block.xLabel)} ${escapeXml(seriesXText(block.x[0]))}–${escapeXml(seriesXText(block.x.at(-1)))}</p>`;
}
