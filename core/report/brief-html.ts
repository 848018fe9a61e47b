import type { BriefView } from '../api/brief.js';
import { renderChartSvg } from '../charts/render-svg.js';
import { briefChartSpec } from '../present/charts/brief-chart.js';
import { briefAdrLine, briefEvidenceLines, briefOptionsTable, briefTitle } from '../present/brief-sections.js';
import { escapeXml } from './escape.js';
import { REPORT_STYLE } from './html-style.js';
import { htmlTable } from './table-markup.js';

/** Sized for one printed A4 page: small type, a compact table, the chart kept short. */
const BRIEF_STYLE = `body { max-width: 1000px; font-size: 12px; }
.recommendation { font-size: 1.25em; border-left: 4px solid #54a24b; padding: 0.3em 0.8em; }
table { font-size: 0.95em; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5px; line-height: 1.35; }
  h1 { font-size: 1.5em; margin: 0 0 0.2em; }
  h2 { font-size: 1.15em; margin: 0.8em 0 0.3em; }
  p, ul, table, figure { margin-top: 0.3em; margin-bottom: 0.3em; }
  figure svg { max-height: 38mm; width: auto; }
}
`;

/** The brief as one self-contained HTML page (inline CSS and SVG, no script, no fetch), printable to one page. */
export async function renderBriefHtml(view: BriefView): Promise<string> {
  const spec = briefChartSpec(view, { widthPx: 520, heightPx: 120 });
  const chart = spec ? `<figure>\n${await renderChartSvg(spec)}\n<figcaption>Latency of each option (dot) against its latency target (black tick); green meets every target, red misses one.</figcaption>\n</figure>` : '';
  const adr = briefAdrLine(view);
  const list = (lines: string[]) => `<ul>\n${lines.map((l) => `<li>${escapeXml(l)}</li>`).join('\n')}\n</ul>`;
  const title = briefTitle(view);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeXml(title)}</title>`,
    `<style>\n${REPORT_STYLE}${BRIEF_STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeXml(title)}</h1>`,
    `<p class="meta">Written ${escapeXml(view.date)}${view.briefId ? ` · brief ${escapeXml(view.briefId)}` : ''}</p>`,
    `<p class="recommendation">${escapeXml(view.recommendation.sentence)}</p>`,
    `<p class="note">Rule: ${escapeXml(view.ruleText)}</p>`,
    '<h2>The options side by side</h2>',
    htmlTable(briefOptionsTable(view)),
    '<p class="note">Hardware prices are stated by the user, not measured. Streams per device: how many video streams at the frame rate the targets ask for one device\'s measured throughput carries.</p>',
    chart,
    '<h2>What was not measured</h2>',
    view.notMeasured.length > 0 ? list(view.notMeasured) : '<p>Every figure above was measured by edgelab on the hardware named.</p>',
    '<h2>Evidence</h2>',
    list(briefEvidenceLines(view)),
    adr ? `<p>${escapeXml(adr)}</p>` : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
