import type { BriefView } from '../api/brief.js';
import { briefAdrLine, briefEvidenceLines, briefOptionsTable, briefTitle } from '../present/brief-sections.js';
import { escapeMarkdownText } from './escape.js';
import { markdownTable } from './table-markup.js';

/** The brief as Markdown: for a pull request, a wiki page or an e-mail. No chart (Markdown has none to embed offline). */
export function renderBriefMarkdown(view: BriefView): string {
  const adr = briefAdrLine(view);
  return [
    `# ${escapeMarkdownText(briefTitle(view))}`,
    '',
    `Written ${view.date}${view.briefId ? ` · brief ${view.briefId}` : ''}`,
    '',
    '## Recommendation',
    '',
    escapeMarkdownText(view.recommendation.sentence),
    '',
    `Rule: ${escapeMarkdownText(view.ruleText)}`,
    '',
    '## The options side by side',
    '',
    markdownTable(briefOptionsTable(view)),
    '',
    'Hardware prices are stated by the user, not measured. Streams per device: how many video streams at the frame rate the targets ask for one device\'s measured throughput carries.',
    '',
    '## What was not measured',
    '',
    ...(view.notMeasured.length > 0 ? view.notMeasured.map((line) => `- ${escapeMarkdownText(line)}`) : ['Every figure above was measured by edgelab on the hardware named.']),
    '',
    '## Evidence',
    '',
    ...briefEvidenceLines(view).map((line) => `- ${escapeMarkdownText(line)}`),
    ...(adr ? ['', escapeMarkdownText(adr)] : []),
    '',
  ].join('\n');
}
