import { LabError } from '../api/errors.js';
import type { FleetReportRequest, FleetReportResult } from '../api/fleet-report.js';
import type { RunSummary, RunUnit } from '../api/run-summary.js';
import type { Workspace } from '../evidence/index.js';
import { edgelabVersion } from '../package-root.js';
import { FleetMatrix } from '../report/fleet-matrix.js';
import { renderFleetReport } from '../report/fleet-report.js';

/**
 * The fleet report over this workspace's runs (its own and those merged from other devices' bundles).
 * Records are read one at a time through the evidence check (one reading of the ledger for all), so a
 * run whose file no longer matches the ledger is named as left out, never shown; the matrix keeps
 * only each cell's newest run and its samples.
 */
export async function buildFleetReport(workspace: Workspace, request: FleetReportRequest): Promise<FleetReportResult> {
  const summaries = await workspace.listRuns(request.model !== undefined ? { modelName: request.model } : {});
  const matrix = new FleetMatrix();
  const unit = request.unit?.toLowerCase();
  // A filter that matches nothing is a typo far more often than a question: an empty report at exit 0
  // would read as "no runs of it", so the lab says what there is instead.
  if (request.model !== undefined && summaries.length === 0) {
    throw new LabError('input', `--model ${request.model} matches no run in this workspace.`, '`edgelab runs` lists the runs with their models; give a model file name, path or SHA-256 prefix from it.');
  }
  if (unit !== undefined && !summaries.some((s) => matchesUnit(s.unit, unit))) {
    const known = [...new Set(summaries.flatMap((s) => (s.unit ? [s.unit.label ? `${s.unit.label} (${s.unit.id})` : s.unit.id] : [])))].sort();
    throw new LabError('input', `--unit ${request.unit} names no unit of ${request.model !== undefined ? `the runs of ${request.model}` : "this workspace's runs"}.`, known.length > 0 ? `The units there: ${known.join(', ')}; give a label or an id.` : 'No run there names its unit (runs recorded before units were).');
  }
  const readable = new Map<string, RunSummary>();
  for (const summary of summaries) {
    if (unit !== undefined && !matchesUnit(summary.unit, unit)) continue;
    if (summary.notVerified) matrix.leaveOut(summary.id, `not verified: ${summary.notVerified}`);
    else if (summary.state !== 'completed' && summary.state !== 'summary-only' && summary.state !== 'observed') matrix.leaveOut(summary.id, `${summary.state} run`);
    else readable.set(summary.id, summary);
  }
  for await (const record of workspace.eachRun([...readable.keys()])) matrix.add(readable.get(record.id)!, record);
  const pin = await workspace.headPin();
  const fleet = matrix.report(pin.ledgerHead);
  const content = request.format ? renderFleetReport(fleet, request.format, { generatedAt: new Date(), edgelabVersion: edgelabVersion() }) : null;
  return { fleet, content, format: request.format ?? null, signedHead: pin.signedHead };
}

function matchesUnit(unit: RunUnit | undefined, wanted: string): boolean {
  return unit !== undefined && (unit.id.toLowerCase() === wanted || unit.label?.toLowerCase() === wanted);
}
