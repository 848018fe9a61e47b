import { LabError } from '../api/errors.js';
import { BriefRequestSchema, type BriefOption, type BriefRequest, type BriefView } from '../api/brief.js';
import type { RunRecord } from '../api/run-record.js';
import type { Workspace } from '../evidence/workspace.js';
import { listDecisionRecords } from '../ladder/decision-records.js';
import { briefOption } from './brief-options.js';
import { priceHistory } from './prices.js';
import { notMeasured, recommend, RULE_TEXT } from './recommend.js';

/**
 * Merged runs by id, from the listing's provenance where the workspace records one: who signed each
 * and whether this workspace trusts that key. Runs no trusted key signed are shown, and named as not
 * proven to come from where they claim; trusted ones count as measured, on the unit that ran them.
 */
async function mergedOrigins(workspace: Workspace): Promise<Map<string, { trusted: boolean; signedBy: string | null }>> {
  const origins = new Map<string, { trusted: boolean; signedBy: string | null }>();
  for (const summary of await workspace.listRuns()) {
    if (summary.provenance?.kind !== 'merged') continue;
    origins.set(summary.id, { trusted: summary.provenance.bundle?.trusted === true, signedBy: summary.provenance.bundle?.signedBy ?? null });
  }
  return origins;
}

/**
 * Options named alike (the same model measured twice, on two units or two settings) would read as
 * one: each such name gets the end of its run id, which the evidence section lists in full.
 */
function distinctNames(options: BriefOption[]): BriefOption[] {
  const count = new Map<string, number>();
  for (const o of options) count.set(o.name, (count.get(o.name) ?? 0) + 1);
  return options.map((o) => ((count.get(o.name) ?? 0) > 1 ? { ...o, name: `${o.name} (run …${o.runId.slice(-6)})` } : o));
}

/** Everything the brief says, from the runs the request names, read through the evidence check. */
export async function buildBriefView(workspace: Workspace, input: BriefRequest, now: Date = new Date()): Promise<{ view: BriefView; runs: RunRecord[] }> {
  const request = BriefRequestSchema.parse(input);
  const runs: RunRecord[] = [];
  for (const id of request.runIds) {
    const run = await workspace.getRun(id);
    if (runs.some((r) => r.id === run.id)) {
      throw new LabError('usage', `Run ${run.id} is named twice; each option of a brief is a different run.`, 'Name each run once.', { field: { path: 'runIds' } });
    }
    runs.push(run);
  }
  let adr: BriefView['adr'] = null;
  if (request.adr !== undefined) {
    const record = (await listDecisionRecords(workspace.dir)).find((r) => r.number === request.adr);
    if (!record) {
      throw new LabError('usage', `There is no decision record ${request.adr} in ${workspace.dir}.`, 'See `edgelab adr list` for the numbers.', { field: { path: 'adr' } });
    }
    adr = { number: record.number, title: record.title, file: record.file };
  }
  const { current } = await priceHistory(workspace);
  const merged = await mergedOrigins(workspace);
  const options = distinctNames(runs.map((run) => briefOption(run, current, merged.get(run.id) ?? null)));
  const rule = request.rule ?? 'cheapest-passing';
  return {
    runs,
    view: {
      briefId: null,
      question: request.question.trim(),
      rule,
      ruleText: RULE_TEXT[rule],
      options,
      recommendation: recommend(options, rule),
      notMeasured: notMeasured(options),
      runIds: runs.map((r) => r.id),
      ledgerHead: await workspace.ledgerHead(),
      adr,
      date: now.toISOString().slice(0, 10),
    },
  };
}
