import type { LabApi } from '../api/lab-api.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import type { VerifyRequest } from '../api/evidence-verify.js';
import type { Workspace } from '../evidence/index.js';
import { exportToDvc, exportToMlflow } from '../export/team-export.js';
import { readHardware } from '../hardware/read-hardware.js';
import { edgelabVersion } from '../package-root.js';
import { compareRuns, formatComparison } from '../report/compare.js';
import { refuseSelfComparison } from '../report/compare-inputs.js';
import { exporters, renderReport } from '../report/index.js';
import { runSections } from '../report/run-sections.js';
import { compareRunSet } from './compare-runs.js';
import { readInferenceTrace } from './inference-trace.js';
import { readModelGraph } from './model-graph.js';
import { toRunListItem } from './run-list-item.js';
import { signLedgerHead, verifyEvidence } from './verify-evidence.js';

export type RecordCalls = Pick<LabApi,
  'runs' | 'run' | 'compare' | 'compareRuns' | 'exportReport' | 'runSections' | 'inferenceTrace' | 'modelGraph' |
  'verify' | 'signHead' | 'exportMlflow' | 'exportDvc'>;

/**
 * The LabApi calls over what the workspace keeps: runs listed, read, compared, reported, held to
 * the ledger and exported to a team's tools. Each request is validated with the schema the
 * transports use. Kept apart from lab-service.ts, which runs measurements and owns their queue.
 */
export function recordCalls(workspace: Workspace): RecordCalls {
  return {
    async runs(filter = {}) {
      const f = LabRequestSchemas.runs.parse({ filter }).filter;
      const summaries = await workspace.listRuns({
        ...(f.model !== undefined ? { modelName: f.model } : {}),
        ...(f.tag !== undefined ? { tag: f.tag } : {}),
        ...(f.state !== undefined ? { state: f.state } : {}),
        ...(f.since !== undefined ? { since: f.since } : {}),
        ...(f.limit !== undefined ? { limit: f.limit } : {}),
      });
      const here = await readHardware().catch(() => null);
      const labels = new Map(here ? [[here.fingerprint, here.label]] : []);
      return summaries.map((s) => toRunListItem(s, labels));
    },

    run: (id) => workspace.getRun(LabRequestSchemas.run.parse({ id }).id),

    async compare(a, b) {
      const ids = LabRequestSchemas.compare.parse({ a, b });
      const [runA, runB] = [await workspace.getRun(ids.a), await workspace.getRun(ids.b)];
      refuseSelfComparison([runA.id, runB.id]);
      const comparison = compareRuns(runA, runB);
      return { text: formatComparison(comparison), data: comparison };
    },

    async compareRuns(ids) {
      const request = LabRequestSchemas.compareRuns.parse({ ids });
      return compareRunSet(await Promise.all(request.ids.map((id) => workspace.getRun(id))));
    },

    async exportReport(ids, format) {
      const request = LabRequestSchemas.exportReport.parse({ ids, format });
      const runs = await Promise.all(request.ids.map((id) => workspace.getRun(id)));
      const content = await renderReport(request.format, runs, { generatedAt: new Date(), edgelabVersion: edgelabVersion(), ...(await workspace.headPin()) });
      const exporter = exporters[request.format];
      const first = runs[0]?.id ?? 'runs';
      const fileName = `edgelab-${first}${runs.length > 1 ? `-and-${runs.length - 1}-more` : ''}${exporter.extension}`;
      return { fileName, mediaType: exporter.mediaType, content };
    },

    runSections: async (id) => runSections(await workspace.getRun(LabRequestSchemas.runSections.parse({ id }).id)),

    inferenceTrace(runId, inference) {
      const request = LabRequestSchemas.inferenceTrace.parse({ runId, ...(inference !== undefined ? { inference } : {}) });
      return readInferenceTrace(workspace, request.runId, request.inference);
    },

    modelGraph: (request) => readModelGraph(workspace, LabRequestSchemas.modelGraph.parse({ request }).request),

    verify: (request = {}) => verifyEvidence(workspace, LabRequestSchemas.verify.parse({ request }).request as VerifyRequest),

    signHead: (request) => signLedgerHead(workspace, LabRequestSchemas.signHead.parse({ request }).request),

    /** Credentials come from this process's environment (MLFLOW_TRACKING_TOKEN …), never from the request. */
    exportMlflow(request) {
      const r = LabRequestSchemas.exportMlflow.parse({ request }).request;
      return exportToMlflow(workspace, { ids: r.ids, trackingUri: r.trackingUri, ...(r.experiment !== undefined ? { experiment: r.experiment } : {}) }, process.env);
    },

    exportDvc: (request) => exportToDvc(workspace, LabRequestSchemas.exportDvc.parse({ request }).request),
  };
}
