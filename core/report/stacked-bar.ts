import { escapeXml } from './escape.js';
import { formatDecimal, formatPercent } from '../present/format-values.js';
import { barParts, type BarSegment } from '../present/bar-parts.js';

/** For HTML: an SVG bar (no inline styles, so a strict CSP allows it) and its legend. */
export function barSvg(bar: { unit: string; segments: readonly BarSegment[] }, widthPx = 600): string {
  const parts = barParts(bar.segments);
  let x = 0;
  const rects = parts.map((p) => {
    const w = p.share * widthPx;
    const rect = `<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="22" fill="${p.colour}"><title>${escapeXml(`${p.label}: ${formatDecimal(p.value)} ${bar.unit} (${formatPercent(p.share)})`)}</title></rect>`;
    x += w;
    return rect;
  });
  const legend = parts.map((p) => `<li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${p.colour}"/></svg> ${escapeXml(p.label)}: ${escapeXml(formatDecimal(p.value))} ${escapeXml(bar.unit)} (${escapeXml(formatPercent(p.share))})</li>`);
  return `<svg class="stacked-bar" width="${widthPx}" height="22" role="img" aria-label="stacked bar">${rects.join('')}</svg>\n<ul class="bar-legend">\n${legend.join('\n')}\n</ul>`;
}
