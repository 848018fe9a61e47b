import type { RunRecord } from '../api/run-record.js';
import { headPinText, type ReportContext } from './exporter.js';
import { runTitle } from '../present/run-labels.js';

export function reportHeading(runs: RunRecord[], ctx: ReportContext): string {
  if (ctx.title) return ctx.title;
  const titles = [...new Set(runs.map(runTitle))];
  return `edgelab report: ${titles.length <= 3 ? titles.join(', ') : `${titles.length} runs`}`;
}

export function generatedLine(runs: RunRecord[], ctx: ReportContext): string {
  const by = ctx.edgelabVersion ? `edgelab ${ctx.edgelabVersion}` : 'edgelab';
  const count = runs.length === 1 ? '1 run' : `${runs.length} runs`;
  const pin = headPinText(ctx);
  const head = pin ? `; ${pin}` : '';
  return `${count}, generated ${ctx.generatedAt.toISOString()} by ${by}${head}`;
}
