import { LabError } from '../api/errors.js';
import type { RunRecord } from '../api/run-record.js';
import type { TradeoffView } from '../api/tradeoff.js';
import { priceHistory } from '../brief/prices.js';
import type { Workspace } from '../evidence/index.js';
import { familyTradeoffs } from './family-tradeoff.js';

/**
 * The workspace's tradeoff view: every record read through the evidence check (a record that no
 * longer matches the ledger is named as left out, never used), joined with the prices the user
 * stated.
 */
export async function workspaceTradeoffs(workspace: Workspace): Promise<TradeoffView> {
  const summaries = await workspace.listRuns();
  // Every variant starts from an accuracy pass (an observed run tagged accuracy): without one, no record is read.
  if (!summaries.some((s) => s.state === 'observed' && s.tags.includes('accuracy'))) return { ...familyTradeoffs([], [], null), ledgerHead: (await workspace.headPin()).ledgerHead };
  const notVerified = summaries.filter((s) => s.notVerified).map((s) => ({ id: s.id, reason: `not verified: ${s.notVerified}` }));
  const records: RunRecord[] = [];
  for await (const record of workspace.eachRun(summaries.filter((s) => !s.notVerified && (s.state === 'completed' || s.state === 'observed')).map((s) => s.id))) records.push(record);
  const { current } = await priceHistory(workspace);
  const view = familyTradeoffs(records, current, (await workspace.headPin()).ledgerHead);
  return { ...view, leftOut: [...view.leftOut, ...notVerified] };
}

/** The view narrowed to one family (its name, or its labelled set's name); an unknown name is refused with the names there are. */
export function narrowToFamily(all: TradeoffView, family: string | undefined, workspaceDir: string): TradeoffView {
  if (family === undefined) return all;
  const view = { ...all, families: all.families.filter((f) => f.name === family || f.labels?.name === family) };
  if (view.families.length === 0) {
    const known = all.families.map((f) => `"${f.name}"`).join(', ');
    throw new LabError('usage', `No model family "${family}" in ${workspaceDir}${known ? `; its families are ${known}` : ': it holds no accuracy pass yet'}.`,
      'Name a family the tradeoff report lists (a `family:NAME` tag, or a labelled set\'s name), or drop --family to see them all.', { field: { path: 'request.family' } });
  }
  return view;
}
