import type { FleetReportRequest, FleetReportResult } from '../api/fleet-report.js';
import type { Workspace } from '../evidence/index.js';
import { edgelabVersion } from '../package-root.js';
import { FleetMatrix } from '../report/fleet-matrix.js';
import { renderFleetReport } from '../report/fleet-report.js';

/**
 * The fleet report over this workspace's runs (its own and those merged from other devices' bundles).
 * Records are read one at a time through the evidence check, so a run whose file no longer matches
 * the ledger is named as left out, never shown; the matrix keeps only each cell's newest run.
 */
export async function buildFleetReport(workspace: Workspace, request: FleetReportRequest): Promise<FleetReportResult> {
  const summaries = await workspace.listRuns(request.model !== undefined ? { modelName: request.model } : {});
  const matrix = new FleetMatrix();
  const unit = request.unit?.toLowerCase();
  for (const summary of summaries) {
    if (summary.notVerified) {
      matrix.leaveOut(summary.id, `not verified: ${summary.notVerified}`);
      continue;
    }
    if (summary.state !== 'completed' && summary.state !== 'summary-only' && summary.state !== 'observed') {
      matrix.leaveOut(summary.id, `${summary.state} run`);
      continue;
    }
    const record = await workspace.getRun(summary.id);
    if (unit !== undefined && !matchesUnit(record.hardware, unit)) continue;
    matrix.add(summary, record);
  }
  const pin = await workspace.headPin();
  const fleet = matrix.report(pin.ledgerHead);
  const content = request.format ? renderFleetReport(fleet, request.format, { generatedAt: new Date(), edgelabVersion: edgelabVersion() }) : null;
  return { fleet, content, format: request.format ?? null, signedHead: pin.signedHead };
}

function matchesUnit(hardware: Record<string, unknown> | null | undefined, wanted: string): boolean {
  const unit = hardware?.['unit'];
  if (typeof unit !== 'object' || unit === null) return false;
  const { id, label } = unit as { id?: unknown; label?: unknown };
  return (typeof id === 'string' && id.toLowerCase() === wanted) || (typeof label === 'string' && label.toLowerCase() === wanted);
}
