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
