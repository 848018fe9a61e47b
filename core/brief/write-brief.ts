import { createHash } from 'node:crypto';
import path from 'node:path';
import { LabError } from '../api/errors.js';
import { WriteBriefRequestSchema, type WriteBriefRequest, type WrittenBrief } from '../api/brief.js';
import { newEvidenceId } from '../evidence/evidence-id.js';
import type { Workspace } from '../evidence/workspace.js';
import { checkOutputPath, writeOutput } from '../output/output-file.js';
import { renderBriefHtml } from '../report/brief-html.js';
import { renderBriefMarkdown } from '../report/brief-markdown.js';
import { buildBriefView } from './brief-view.js';
import type { HtmlToPdf } from './chromium-pdf.js';

export function briefItemId(briefId: string): string {
  return `brief/${briefId}`;
}

const MEDIA = { html: 'text/html; charset=utf-8', md: 'text/markdown; charset=utf-8', pdf: 'application/pdf' } as const;

/**
 * Writes the brief and records it: the SHA-256 of the bytes written, the runs it cites, the rule,
 * what it recommends and the head it was written at, as a ledgered attestation. A sign-off is
 * bound to that hash, so a brief edited after it was written cannot be signed off.
 */
export async function writeBrief(workspace: Workspace, input: WriteBriefRequest, printPdf: HtmlToPdf, now: Date = new Date()): Promise<WrittenBrief> {
  const request = WriteBriefRequestSchema.parse(input);
  if (request.format === 'pdf' && request.out === undefined) {
    throw new LabError('usage', 'A PDF brief needs a file to be written to.', 'Add --out FILE.pdf, or write --format html or md.', { field: { path: 'out' } });
  }
  const protect = { workspace: workspace.dir };
  if (request.out !== undefined) await checkOutputPath('--out', request.out, protect);
  const { format: _format, out: _out, ...brief } = request;
  const { view } = await buildBriefView(workspace, brief, now);
  const briefId = newEvidenceId(now);
  const named = { ...view, briefId };
  const html = request.format === 'md' ? null : await renderBriefHtml(named);
  const bytes = request.format === 'md' ? Buffer.from(renderBriefMarkdown(named), 'utf8') : request.format === 'html' ? Buffer.from(html as string, 'utf8') : await printPdf(html as string);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (request.out !== undefined) await writeOutput('--out', request.out, bytes, '', protect);
  const fileName = request.out !== undefined ? path.basename(request.out) : `edgelab-brief-${briefId}.${request.format}`;
  const recommended = named.options.find((o) => o.runId === named.recommendation.runId);
  await workspace.saveAttestation({
    itemId: briefItemId(briefId),
    note: `Brief "${named.question}" written (${fileName}); ${recommended ? `recommends "${recommended.name}" (run ${recommended.runId})` : 'recommends no option'}.`,
    subject: {
      kind: 'brief', briefId, sha256, format: request.format, fileName, question: named.question, runIds: named.runIds,
      rule: named.rule, recommendedRunId: named.recommendation.runId, ledgerHead: named.ledgerHead, adr: named.adr?.number ?? null,
    },
  }, now);
  return {
    briefId, sha256, fileName, mediaType: MEDIA[request.format],
    content: request.format === 'pdf' ? null : bytes.toString('utf8'),
    path: request.out !== undefined ? path.resolve(request.out) : null,
    view: named,
  };
}
