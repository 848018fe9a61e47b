import { LabError } from '../api/errors.js';
import type { RunRecord } from '../api/run-record.js';
import type { TradeoffRequest, TradeoffResult, TradeoffView } from '../api/tradeoff.js';
import { priceHistory } from '../brief/prices.js';
import type { Workspace } from '../evidence/index.js';
import { edgelabVersion } from '../package-root.js';
import { renderTradeoffReport } from '../report/tradeoff-report.js';
import { familyTradeoffs } from '../tradeoff/family-tradeoff.js';

/**
 * The workspace's tradeoff view: every record read through the evidence check (a record that no
 * longer matches the ledger is named as left out, never used), joined with the prices the user
 * stated. A family the request names that does not exist is refused with the names that do.
 */
export async function workspaceTradeoffs(workspace: Workspace): Promise<TradeoffView> {
  const summaries = await workspace.listRuns();
  const notVerified = summaries.filter((s) => s.notVerified).map((s) => ({ id: s.id, reason: `not verified: ${s.notVerified}` }));
  const records: RunRecord[] = [];
  for await (const record of workspace.eachRun(summaries.filter((s) => !s.notVerified && (s.state === 'completed' || s.state === 'observed')).map((s) => s.id))) records.push(record);
  const { current } = await priceHistory(workspace);
  const view = familyTradeoffs(records, current, (await workspace.headPin()).ledgerHead);
  return { ...view, leftOut: [...view.leftOut, ...notVerified] };
}

export async function buildTradeoffReport(workspace: Workspace, request: TradeoffRequest): Promise<TradeoffResult> {
  const all = await workspaceTradeoffs(workspace);
  const view = request.family === undefined ? all : { ...all, families: all.families.filter((f) => f.name === request.family || f.labels?.name === request.family) };
  if (request.family !== undefined && view.families.length === 0) {
    const known = all.families.map((f) => `"${f.name}"`).join(', ');
    throw new LabError('usage', `No model family "${request.family}" in ${workspace.dir}${known ? `; its families are ${known}` : ': it holds no accuracy pass yet'}.`,
      'Name a family the tradeoff report lists (a `family:NAME` tag, or a labelled set\'s name), or drop --family to see them all.', { field: { path: 'request.family' } });
  }
  const content = request.format ? await renderTradeoffReport(view, request.format, { generatedAt: new Date(), edgelabVersion: edgelabVersion() }) : null;
  return { view, content, format: request.format ?? null };
}
