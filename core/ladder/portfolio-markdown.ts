import { escapeMarkdownCell, escapeMarkdownText, markdownCode } from '../report/escape.js';
import type { ItemStatus } from './evaluate.js';
import { formatMs, type Portfolio } from './portfolio.js';

function link(text: string, url: string | null): string {
  return url ? `[${escapeMarkdownText(text)}](<${url.replace(/[<>]/g, encodeURIComponent)}>)` : escapeMarkdownText(text);
}

function measuredLines(status: Extract<ItemStatus, { kind: 'measured' }>, portfolio: Portfolio): string[] {
  const lines: string[] = [];
  if (!status.met) {
    lines.push(`Missing: ${escapeMarkdownText(status.missing ?? '')}`, '', `Produced by ${markdownCode(status.item.produceWith)}.`);
    return lines;
  }
  lines.push('| Run | Date | Model | Provider | Hardware | p50 | p99 | Targets |', '|---|---|---|---|---|--:|--:|---|');
  for (const evidence of status.runs) {
    const run = portfolio.runs[evidence.runId];
    if (!run) continue;
    lines.push(
      `| ${markdownCode(run.id)} | ${run.startedAt.slice(0, 10)} | ${escapeMarkdownCell(run.model)} | ${escapeMarkdownCell(run.executionProvider)} | ${escapeMarkdownCell(run.hardware)} | ${formatMs(run.p50LatencyMs)} | ${formatMs(run.p99LatencyMs)} | ${escapeMarkdownCell(run.verdicts)} |`,
    );
  }
  lines.push('');
  for (const evidence of status.runs) {
    lines.push(`- ${markdownCode(evidence.runId)}: ${escapeMarkdownText(evidence.why)}`);
    for (const note of evidence.notes) lines.push(`  - Explanation (${note.date.slice(0, 10)}): ${link(note.note, note.link)}`);
  }
  return lines;
}

function attestedLines(status: Extract<ItemStatus, { kind: 'attested' }>): string[] {
  if (!status.met) return [`Not attested yet. A good link: ${escapeMarkdownText(status.item.linkTo)}.`];
  return status.attestations.map((a) => `- ${a.date.slice(0, 10)}: ${escapeMarkdownText(a.note)}${a.link ? ` (${link('link', a.link)})` : ''}`);
}

/** The evidence record as Markdown, for a pull request, a wiki page or a promotion packet. */
export function renderPortfolioMarkdown(portfolio: Portfolio): string {
  const out: string[] = [
    '# Evidence record',
    '',
    `Date: ${portfolio.date} · Ladder version ${portfolio.ladderVersion} · Phase: ${escapeMarkdownText(portfolio.phase)}`,
    '',
    `**Ledger:** ${escapeMarkdownText(portfolio.ledger.summary)}${portfolio.ledger.head ? ` Head ${markdownCode(portfolio.ledger.head)}.` : ''}${signedHeadMarkdown(portfolio.ledger.signedHead)}`,
    ...portfolio.ledger.findings.map((f) => `- ${escapeMarkdownText(f)}`),
    '',
    '**Measured** items are decided by run records in the workspace. **Attested** items are the engineer’s own note and link, not checked by edgelab.',
  ];
  for (const gate of portfolio.gates) {
    out.push('', `## ${escapeMarkdownText(gate.gate.title)} (${gate.metCount} of ${gate.itemCount})`);
    for (const status of gate.items) {
      const state = status.met ? 'met' : 'open';
      out.push('', `### ${escapeMarkdownText(status.item.title)}`, '', `**${status.kind === 'measured' ? 'Measured' : 'Attested'}** · ${state} · ${markdownCode(status.item.id)}`, '');
      out.push(...(status.kind === 'measured' ? measuredLines(status, portfolio) : attestedLines(status)));
    }
  }
  return `${out.join('\n')}\n`;
}

function signedHeadMarkdown(signed: Portfolio['ledger']['signedHead']): string {
  if (!signed) return '';
  const by = signed.principal ? `, signed by ${escapeMarkdownText(signed.principal)}` : '';
  return ` Signed head ${markdownCode(signed.entryHash)} (seq ${signed.seq}${by}; ledger.signed-head.sig SHA-256 ${markdownCode(signed.signatureSha256)}).`;
}
