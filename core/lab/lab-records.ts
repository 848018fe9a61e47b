import type { LabApi, LabEvent } from '../api/lab-api.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import type { VerifyRequest } from '../api/evidence-verify.js';
import type { Workspace } from '../evidence/index.js';
import { exportToDvc, exportToMlflow } from '../export/team-export.js';
import { readHardware } from '../hardware/read-hardware.js';
import { runSections } from '../present/sections/run-sections.js';
import { compareTwoRuns } from './compare-pair.js';
import { compareRunSet } from './compare-runs.js';
import { exportReport } from './export-report.js';
import { listRunSummaries } from './run-summaries.js';
import { readInferenceTrace } from './inference-trace.js';
import { readModelGraph } from './model-graph.js';
import { toRunListItem } from './run-list-item.js';
import { signLedgerHead, verifyEvidence } from './verify-evidence.js';

export type RecordCalls = Pick<LabApi,
  'runs' | 'runSummaries' | 'run' | 'compare' | 'compareRuns' | 'exportReport' | 'runSections' | 'inferenceTrace' | 'modelGraph' |
  'verify' | 'signHead' | 'exportMlflow' | 'exportDvc'>;

/**
 * The LabApi calls over what the workspace keeps: runs listed, read, compared, reported, held to
 * the ledger and exported to a team's tools. Each request is validated with the schema the
 * transports use. Kept apart from lab-service.ts, which runs measurements and owns their queue.
 */
export function recordCalls(workspace: Workspace, lab: { env: NodeJS.ProcessEnv; emit: (event: LabEvent) => void }): RecordCalls {
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

    runSummaries: async (filter = {}) => listRunSummaries(workspace, LabRequestSchemas.runSummaries.parse({ filter }).filter),

    run: (id) => workspace.getRun(LabRequestSchemas.run.parse({ id }).id),

    async compare(a, b) {
      const ids = LabRequestSchemas.compare.parse({ a, b });
      return compareTwoRuns(await workspace.getRun(ids.a), await workspace.getRun(ids.b));
    },

    async compareRuns(ids) {
      const request = LabRequestSchemas.compareRuns.parse({ ids });
      return compareRunSet(await Promise.all(request.ids.map((id) => workspace.getRun(id))));
    },

    exportReport: (ids, format, title) => exportReport(workspace, LabRequestSchemas.exportReport.parse({ ids, format, ...(title !== undefined ? { title } : {}) })),

    runSections: async (id) => runSections(await workspace.getRun(LabRequestSchemas.runSections.parse({ id }).id)),

    inferenceTrace(runId, inference) {
      const request = LabRequestSchemas.inferenceTrace.parse({ runId, ...(inference !== undefined ? { inference } : {}) });
      return readInferenceTrace(workspace, request.runId, request.inference);
    },

    modelGraph: (request) => readModelGraph(workspace, LabRequestSchemas.modelGraph.parse({ request }).request),

    verify: (request = {}) => verifyEvidence(workspace, LabRequestSchemas.verify.parse({ request }).request as VerifyRequest),

    signHead: (request) => signLedgerHead(workspace, LabRequestSchemas.signHead.parse({ request }).request),

    /** Credentials come from the lab's environment (MLFLOW_TRACKING_TOKEN …), never from the request. */
    exportMlflow(request) {
      const r = LabRequestSchemas.exportMlflow.parse({ request }).request;
      return exportToMlflow(workspace, { ids: r.ids, trackingUri: r.trackingUri, ...(r.experiment !== undefined ? { experiment: r.experiment } : {}), all: r.all ?? false }, lab.env, {
        onRun: (run) => lab.emit({ type: 'exported', runId: run.runId, run }),
      });
    },

    exportDvc: (request) => exportToDvc(workspace, LabRequestSchemas.exportDvc.parse({ request }).request),
  };
}
