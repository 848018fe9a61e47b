import { dropFiguresLine, dropSentence } from '../present/sections/accuracy-pass-section.js';
import type { LabApi, LabEvent } from '../api/lab-api.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import type { VerifyRequest } from '../api/evidence-verify.js';
import type { Workspace } from '../evidence/index.js';
import { listRunSummaries } from './run-summaries.js';
import { toRunListItem } from './run-list-item.js';
import { signLedgerHead, verifyEvidence } from './verify-evidence.js';

// Loaded when a call needs them, not when the lab opens: `edgelab runs` must not pay for Vega (the
// reports' charts), systeminformation, ONNX model parsing or the MLflow client it never uses.
const reports = () => import('./export-report.js');
const comparisons = () => import('./compare-pair.js');
const runSets = () => import('./compare-runs.js');
const sections = () => import('../present/sections/run-sections.js');
const machine = () => import('../hardware/read-hardware.js');
const graphs = () => import('./model-graph.js');
const traces = () => import('./inference-trace.js');
const teamExports = () => import('../export/team-export.js');
const bundles = () => import('./evidence-bundles.js');

export type RecordCalls = Pick<LabApi,
  'runs' | 'runSummaries' | 'run' | 'compare' | 'compareRuns' | 'exportReport' | 'runSections' | 'inferenceTrace' | 'modelGraph' |
  'verify' | 'signHead' | 'bundleRuns' | 'mergeBundles' | 'exportMlflow' | 'exportDvc'>;

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
      const here = await (await machine()).readHardware().catch(() => null);
      const labels = new Map(here ? [[here.fingerprint, here.label]] : []);
      return summaries.map((s) => toRunListItem(s, labels));
    },

    runSummaries: async (filter = {}) => listRunSummaries(workspace, LabRequestSchemas.runSummaries.parse({ filter }).filter),

    run: (id) => workspace.getRun(LabRequestSchemas.run.parse({ id }).id),

    async compare(a, b) {
      const ids = LabRequestSchemas.compare.parse({ a, b });
      const [runA, runB] = [await workspace.getRun(ids.a), await workspace.getRun(ids.b)];
      const merged = Object.fromEntries((await workspace.listRuns()).filter((s) => (s.id === runA.id || s.id === runB.id) && s.provenance?.bundle).map((s) => [s.id, s.provenance!]));
      const comparison = (await comparisons()).compareTwoRuns(runA, runB, merged);
      const drop = await (await import('./accuracy-reference.js')).accuracyDropBetween(workspace, runA, runB);
      if (!drop) return comparison;
      return { ...comparison, accuracyDrop: drop, text: [comparison.text, `${dropFiguresLine(drop, drop.referenceRun === runA.id ? runB.id : runA.id)}\nDrop: ${dropSentence(drop)}.`].filter(Boolean).join('\n\n') };
    },

    async compareRuns(ids) {
      const request = LabRequestSchemas.compareRuns.parse({ ids });
      return (await runSets()).compareRunSet(await Promise.all(request.ids.map((id) => workspace.getRun(id))));
    },

    exportReport: async (ids, format, title) => (await reports()).exportReport(workspace, LabRequestSchemas.exportReport.parse({ ids, format, ...(title !== undefined ? { title } : {}) })),

    runSections: async (id) => (await sections()).runSections(await workspace.getRun(LabRequestSchemas.runSections.parse({ id }).id)),

    async inferenceTrace(runId, inference) {
      const request = LabRequestSchemas.inferenceTrace.parse({ runId, ...(inference !== undefined ? { inference } : {}) });
      return (await traces()).readInferenceTrace(workspace, request.runId, request.inference);
    },

    modelGraph: async (request) => (await graphs()).readModelGraph(workspace, LabRequestSchemas.modelGraph.parse({ request }).request),

    verify: (request = {}) => verifyEvidence(workspace, LabRequestSchemas.verify.parse({ request }).request as VerifyRequest),

    signHead: (request) => signLedgerHead(workspace, LabRequestSchemas.signHead.parse({ request }).request),

    bundleRuns: async (request) => (await bundles()).bundleRuns(workspace, LabRequestSchemas.bundleRuns.parse({ request }).request, lab.env),

    mergeBundles: async (request) => (await bundles()).mergeBundles(workspace, LabRequestSchemas.mergeBundles.parse({ request }).request),

    /** Credentials come from the lab's environment (MLFLOW_TRACKING_TOKEN …), never from the request. */
    async exportMlflow(request) {
      const r = LabRequestSchemas.exportMlflow.parse({ request }).request;
      return (await teamExports()).exportToMlflow(workspace, { ids: r.ids, trackingUri: r.trackingUri, ...(r.experiment !== undefined ? { experiment: r.experiment } : {}), all: r.all ?? false }, lab.env, {
        onRun: (run) => lab.emit({ type: 'exported', runId: run.runId, run }),
      });
    },

    exportDvc: async (request) => (await teamExports()).exportToDvc(workspace, LabRequestSchemas.exportDvc.parse({ request }).request),
  };
}
