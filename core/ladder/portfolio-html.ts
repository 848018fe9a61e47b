import { escapeXml } from '../report/escape.js';
import { REPORT_STYLE } from '../report/html-style.js';
import type { ItemStatus } from './evaluate.js';
import { formatMs, type Portfolio } from './portfolio.js';

// Measured and attested items get different borders and a word label, so the difference is visible
// in print and to a screen reader, not only in colour.
const LADDER_STYLE = `.item { border-left: 4px solid var(--line); padding: 0.2em 0 0.2em 0.8em; margin: 1em 0; }
.item-measured { border-left-color: #1a7f37; }
.item-attested { border-left-color: #8250df; border-left-style: dashed; }
.kind { font-size: 0.75em; text-transform: uppercase; letter-spacing: 0.05em; border: 1px solid currentColor; border-radius: 0.3em; padding: 0 0.4em; }
.item-measured .kind { color: #1a7f37; }
.item-attested .kind { color: #8250df; }
.open { color: var(--muted); }
.ledger-bad { color: #cf222e; }
`;

const e = escapeXml;

function anchor(text: string, url: string | null): string {
  return url ? `<a href="${e(url)}">${e(text)}</a>` : e(text);
}

function measuredHtml(status: Extract<ItemStatus, { kind: 'measured' }>, portfolio: Portfolio, charts: Readonly<Record<string, string>>): string {
  if (!status.met) return `<p class="open">Missing: ${e(status.missing ?? '')}</p>\n<p class="open">Produced by <code>${e(status.item.produceWith)}</code>.</p>`;
  const rows = status.runs
    .map((r) => portfolio.runs[r.runId])
    .filter((run) => run !== undefined)
    .map((run) => `<tr><td><code>${e(run.id)}</code></td><td>${e(run.startedAt.slice(0, 10))}</td><td>${e(run.model)}</td><td>${e(run.executionProvider)}</td><td>${e(run.hardware)}</td><td class="num">${formatMs(run.p50LatencyMs)}</td><td class="num">${formatMs(run.p99LatencyMs)}</td><td>${e(run.verdicts)}</td></tr>`)
    .join('\n');
  const why = status.runs
    .map((r) => {
      const notes = r.notes.map((n) => `<li>Explanation (${e(n.date.slice(0, 10))}): ${anchor(n.note, n.link)}</li>`).join('');
      return `<li><code>${e(r.runId)}</code>: ${e(r.why)}${notes ? `<ul>${notes}</ul>` : ''}</li>`;
    })
    .join('\n');
  const firstRun = status.runs[0]?.runId;
  const chart = firstRun !== undefined && charts[firstRun] ? `\n<figure>${charts[firstRun]}<figcaption>Latency of run ${e(firstRun)}</figcaption></figure>` : '';
  return `<table>\n<tr><th>Run</th><th>Date</th><th>Model</th><th>Provider</th><th>Hardware</th><th class="num">p50</th><th class="num">p99</th><th>Targets</th></tr>\n${rows}\n</table>\n<ul>\n${why}\n</ul>${chart}`;
}

function attestedHtml(status: Extract<ItemStatus, { kind: 'attested' }>): string {
  if (!status.met) return `<p class="open">Not attested yet. A good link: ${e(status.item.linkTo)}.</p>`;
  return `<ul>\n${status.attestations.map((a) => `<li>${e(a.date.slice(0, 10))}: ${e(a.note)}${a.link ? ` (${anchor('link', a.link)})` : ''}</li>`).join('\n')}\n</ul>`;
}

/**
 * The evidence record as one self-contained HTML file: inline style, charts as inline SVG, no
 * scripts and nothing fetched, so it opens the same from a mail attachment or an archive.
 * `charts` maps a run id to an SVG drawn by core/charts.
 */
export function renderPortfolioHtml(portfolio: Portfolio, charts: Readonly<Record<string, string>> = {}): string {
  const ledger = portfolio.ledger;
  const findings = ledger.findings.length > 0 ? `\n<ul class="ledger-bad">${ledger.findings.map((f) => `<li>${e(f)}</li>`).join('')}</ul>` : '';
  const gates = portfolio.gates
    .map((gate) => {
      const items = gate.items
        .map((status) => {
          const body = status.kind === 'measured' ? measuredHtml(status, portfolio, charts) : attestedHtml(status);
          return `<section class="item item-${status.kind}">\n<h3>${e(status.item.title)} <span class="kind">${status.kind}</span></h3>\n<p class="meta">${status.met ? 'met' : 'open'} · <code>${e(status.item.id)}</code></p>\n${body}\n</section>`;
        })
        .join('\n');
      return `<h2>${e(gate.gate.title)} <span class="meta">(${gate.metCount} of ${gate.itemCount})</span></h2>\n${items}`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evidence record, ${e(portfolio.date)}</title>
<style>
${REPORT_STYLE}${LADDER_STYLE}</style>
</head>
<body>
<h1>Evidence record</h1>
<p class="meta">Date: ${e(portfolio.date)} · Ladder version ${portfolio.ladderVersion} · Phase: ${e(portfolio.phase)}</p>
<p class="${ledger.ok ? '' : 'ledger-bad'}"><strong>Ledger:</strong> ${e(ledger.summary)}${ledger.head ? ` Head <code>${e(ledger.head)}</code>.` : ''}${ledger.signedHead ? ` Signed head <code>${e(ledger.signedHead.entryHash)}</code> (seq ${ledger.signedHead.seq}${ledger.signedHead.principal ? `, signed by ${e(ledger.signedHead.principal)}` : ''}; ledger.signed-head.sig SHA-256 <code>${e(ledger.signedHead.signatureSha256)}</code>).` : ''}</p>${findings}
<p class="note"><span class="kind">measured</span> items are decided by run records in the workspace. <span class="kind">attested</span> items are the engineer’s own note and link, not checked by edgelab.</p>
${gates}
</body>
</html>
`;
}
