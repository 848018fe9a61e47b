import { z } from 'zod';
import { LabError } from '../api/errors.js';
import type { LabApi } from '../api/lab-api.js';
import { isLabMethod, LabRequestSchemas, labMethods, type LabMethod, type ValidLabRequest } from '../api/lab-requests.js';
import { describeIssues } from '../api/describe-issues.js';

type Handlers = { [M in LabMethod]: (api: LabApi, request: ValidLabRequest<M>) => Promise<unknown> };

const handlers: Handlers = {
  inspectModel: (api, r) => api.inspectModel(r.path),
  providers: (api) => api.providers(),
  hardware: (api) => api.hardware(),
  startRun: (api, r) => api.startRun(r.spec, r.options),
  cancelRun: async (api, r) => {
    await api.cancelRun(r.runId);
    return null;
  },
  runs: (api, r) => api.runs(r.filter),
  runSummaries: (api, r) => api.runSummaries(withoutUndefined(r.filter)),
  run: (api, r) => api.run(r.id),
  compare: (api, r) => api.compare(r.a, r.b),
  exportReport: (api, r) => api.exportReport(r.ids, r.format, r.title),
  fleetReport: (api, r) => api.fleetReport(withoutUndefined(r.request)),
  tradeoff: (api, r) => api.tradeoff(withoutUndefined(r.request)),
  verify: (api, r) => api.verify(withoutUndefined(r.request)),
  signHead: (api, r) => api.signHead(r.request),
  bundleRuns: (api, r) => api.bundleRuns(withoutUndefined(r.request)),
  mergeBundles: (api, r) => api.mergeBundles(withoutUndefined(r.request)),
  ladder: (api) => api.ladder(),
  attest: (api, r) => api.attest(r.itemId, r.note, r.link, r.date),
  assess: (api, r) => api.assess(r.answers),
  labs: (api) => api.labs(),
  exportLadder: (api, r) => api.exportLadder(withoutUndefined(r.request)),
  exportMlflow: (api, r) => api.exportMlflow(withoutUndefined(r.request)),
  exportDvc: (api, r) => api.exportDvc(r.request),
  modelGraph: (api, r) => api.modelGraph(r.request),
  compareRuns: (api, r) => api.compareRuns(r.ids),
  inferenceTrace: (api, r) => api.inferenceTrace(r.runId, r.inference),
  runSections: (api, r) => api.runSections(r.id),
  explainProfile: (api, r) => api.explainProfile(r.runId, r.note, r.link),
  decisionRecords: (api) => api.decisionRecords(),
  demoSpec: (api) => api.demoSpec(),
  runSuite: (api, r) => {
    const { mlflow, ...rest } = withoutUndefined(r.options);
    return api.runSuite(r.file, { ...rest, ...(mlflow ? { mlflow: withoutUndefined(mlflow) } : {}) });
  },
  runSweep: (api, r) => api.runSweep(r.spec, r.axes, r.options),
  newDecisionRecord: (api, r) => api.newDecisionRecord(r.request),
  importTrtexec: (api, r) => api.importTrtexec(r.request),
  importOrtProfile: (api, r) => api.importOrtProfile(r.request),
  importOpenvino: (api, r) => api.importOpenvino(r.request),
  importDeepstream: (api, r) => api.importDeepstream(r.request),
  importTegrastats: (api, r) => api.importTegrastats(r.request),
  scoreCocoResults: (api, r) => api.scoreCocoResults(r.request),
  accuracyImages: (api, r) => api.accuracyImages(r.request),
  accuracyImage: (api, r) => api.accuracyImage(r.request),
  startOutputCheck: (api, r) => api.startOutputCheck(r.request),
  statePrice: (api, r) => api.statePrice(r.request),
  prices: (api) => api.prices(),
  previewBrief: (api, r) => api.previewBrief(r.request),
  writeBrief: (api, r) => api.writeBrief(r.request),
  signOffBrief: (api, r) => api.signOffBrief(r.request),
  briefs: (api) => api.briefs(),
  ciWorkflow: (api, r) => api.ciWorkflow(r.request),
};

/**
 * One LabApi call from a transport (an HTTP POST body, an IPC message): the method name and its
 * arguments object are checked with the schemas of core/api/lab-requests.ts before anything runs,
 * and a malformed request becomes a LabError naming the method and the field.
 */
export async function callLab(api: LabApi, method: string, args: unknown): Promise<unknown> {
  if (!isLabMethod(method)) {
    throw new LabError('usage', `There is no LabApi method "${method}".`, `Methods: ${labMethods.join(', ')}.`);
  }
  const parsed = LabRequestSchemas[method].safeParse(args ?? {});
  if (!parsed.success) {
    throw new LabError('usage', `${method}: ${describeIssues(parsed.error)}.`, 'Check the request against core/api/lab-requests.ts.');
  }
  try {
    return await (handlers[method] as (api: LabApi, request: unknown) => Promise<unknown>)(api, parsed.data);
  } catch (e) {
    if (e instanceof z.ZodError) throw new LabError('usage', `${method}: ${describeIssues(e)}.`, 'Check the request against core/api/lab-requests.ts.');
    throw e;
  }
}

// exactOptionalPropertyTypes: a field the schema left undefined is left out, not passed as undefined.
function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
