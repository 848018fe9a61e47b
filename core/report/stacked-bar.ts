import { escapeXml } from './escape.js';
import { formatDecimal, formatPercent } from './format-values.js';
import { barParts, type BarSegment } from './bar-parts.js';

/** For text and Markdown: one line per segment with a bar of block characters, 40 to the whole. */
export function barLines(bar: { unit: string; segments: readonly BarSegment[] }): string[] {
  const parts = barParts(bar.segments);
  const width = Math.max(...parts.map((p) => p.label.length), 4);
  return parts.map((p) => `${p.label.padEnd(width)}  ${'█'.repeat(Math.round(p.share * 40)).padEnd(40, '·')}  ${formatDecimal(p.value)} ${bar.unit} (${formatPercent(p.share)})`);
}

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
