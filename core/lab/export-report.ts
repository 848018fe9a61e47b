import type { ExportedReport } from '../api/lab-api.js';
import type { ValidLabRequest } from '../api/lab-requests.js';
import type { RunProvenance } from '../api/run-provenance.js';
import type { Workspace } from '../evidence/index.js';
import { edgelabVersion } from '../package-root.js';
import { exporters, renderReport } from '../report/index.js';

/**
 * A report of recorded runs in one format, as `edgelab report` writes it, with the ledger head it
 * was made from (printed in the report too) so that every face can tell the user what to pin.
 */
export async function exportReport(workspace: Workspace, request: ValidLabRequest<'exportReport'>): Promise<ExportedReport> {
  const runs = await Promise.all(request.ids.map((id) => workspace.getRun(id)));
  const pin = await workspace.headPin();
  const merged = await mergedProvenance(workspace, new Set(runs.map((r) => r.id)));
  // The worst images of accuracy runs, only where a page can show them; sharp loads with them.
  const pictures = request.format === 'html' && runs.some((r) => typeof (r.extras as { accuracyPass?: unknown }).accuracyPass === 'object')
    ? await import('./report-pictures.js').then(({ reportPictures }) => reportPictures(workspace, runs))
    : null;
  const content = await renderReport(request.format, runs, { generatedAt: new Date(), edgelabVersion: edgelabVersion(), ...(request.title ? { title: request.title } : {}), ...pin, ...(merged ? { merged } : {}), ...(pictures ? { pictures } : {}) });
  const exporter = exporters[request.format];
  const first = runs[0]?.id ?? 'runs';
  const fileName = `edgelab-${first}${runs.length > 1 ? `-and-${runs.length - 1}-more` : ''}${exporter.extension}`;
  return { fileName, mediaType: exporter.mediaType, content, ledgerHead: pin.ledgerHead, signedHead: pin.signedHead };
}

/** Which of the runs came in a bundle, as the listing names them; null when none did. */
async function mergedProvenance(workspace: Workspace, ids: ReadonlySet<string>): Promise<Record<string, RunProvenance> | null> {
  const merged = (await workspace.listRuns()).filter((s) => ids.has(s.id) && s.provenance?.bundle);
  return merged.length > 0 ? Object.fromEntries(merged.map((s) => [s.id, s.provenance!])) : null;
}
