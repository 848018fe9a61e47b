/**
 * The bridge: exposes LabApi as `window.lab` and nothing else. The renderer is sandboxed, so this
 * file may require only 'electron' (no relative modules): it is compiled on its own, as CommonJS,
 * and repeats the channel names of ipc-channels.ts.
 */
import electron = require('electron');
import type { DesktopLabApi, LabEvent } from '../core/api/lab-api.js';

const { contextBridge, ipcRenderer, webUtils } = electron;

const CALL = 'lab:call';
const OPEN_MODEL_DIALOG = 'lab:open-model-dialog';
const EVENT = 'lab:event';
const EXPORT_PDF = 'lab:export-pdf';

type IpcResult = { value: unknown } | { error: { kind: string; message: string; hint?: string } };

// contextBridge copies an Error without its own fields, so a refusal crosses as a plain object
// with name 'LabError', kind, message and hint: what the HTTP client's errors carry.
async function call<T>(method: string, args: object): Promise<T> {
  const result = (await ipcRenderer.invoke(CALL, method, args)) as IpcResult;
  if ('error' in result) return Promise.reject({ name: 'LabError', ...result.error });
  return result.value as T;
}

const listeners = new Set<(event: LabEvent) => void>();
ipcRenderer.on(EVENT, (_e, event: LabEvent) => {
  for (const listener of listeners) listener(event);
});

const lab: DesktopLabApi = {
  inspectModel: (path) => call('inspectModel', { path }),
  providers: () => call('providers', {}),
  hardware: () => call('hardware', {}),
  startRun: (spec, options) => call('startRun', { spec, ...(options ? { options } : {}) }),
  cancelRun: async (runId) => {
    await call('cancelRun', { runId });
  },
  onEvent: (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  runs: (filter = {}) => call('runs', { filter }),
  runSummaries: (filter = {}) => call('runSummaries', { filter }),
  run: (id) => call('run', { id }),
  compare: (a, b) => call('compare', { a, b }),
  exportReport: (ids, format, title) => call('exportReport', { ids, format, ...(title !== undefined ? { title } : {}) }),
  fleetReport: (request = {}) => call('fleetReport', { request }),
  tradeoff: (request = {}) => call('tradeoff', { request }),
  verify: (request) => call('verify', { request: request ?? {} }),
  signHead: (request) => call('signHead', { request }),
  bundleRuns: (request) => call('bundleRuns', { request }),
  mergeBundles: (request) => call('mergeBundles', { request }),
  ladder: () => call('ladder', {}),
  attest: (itemId, note, link, date) => call('attest', { itemId, note, ...(link !== undefined ? { link } : {}), ...(date !== undefined ? { date } : {}) }),
  assess: (answers) => call('assess', { answers }),
  labs: () => call('labs', {}),
  exportLadder: (request) => call('exportLadder', { request }),
  exportMlflow: (request) => call('exportMlflow', { request }),
  exportDvc: (request) => call('exportDvc', { request }),
  importTrtexec: (request) => call('importTrtexec', { request }),
  importOrtProfile: (request) => call('importOrtProfile', { request }),
  importOpenvino: (request) => call('importOpenvino', { request }),
  importDeepstream: (request) => call('importDeepstream', { request }),
  importTegrastats: (request) => call('importTegrastats', { request }),
  scoreCocoResults: (request) => call('scoreCocoResults', { request }),
  accuracyImages: (request) => call('accuracyImages', { request }),
  accuracyImage: (request) => call('accuracyImage', { request }),
  modelGraph: (request) => call('modelGraph', { request }),
  compareRuns: (ids) => call('compareRuns', { ids }),
  runSections: (id) => call('runSections', { id }),
  explainProfile: (runId, note, link) => call('explainProfile', { runId, note, ...(link !== undefined ? { link } : {}) }),
  decisionRecords: () => call('decisionRecords', {}),
  demoSpec: () => call('demoSpec', {}),
  runSuite: (file, options) => call('runSuite', { file, ...(options !== undefined ? { options } : {}) }),
  runSweep: (spec, axes, options) => call('runSweep', { spec, axes, ...(options ? { options } : {}) }),
  startOutputCheck: (request) => call('startOutputCheck', { request }),
  ciWorkflow: (request) => call('ciWorkflow', { request }),
  newDecisionRecord: (request) => call('newDecisionRecord', { request }),
  statePrice: (request) => call('statePrice', { request }),
  prices: () => call('prices', {}),
  previewBrief: (request) => call('previewBrief', { request }),
  writeBrief: (request) => call('writeBrief', { request }),
  signOffBrief: (request) => call('signOffBrief', { request }),
  briefs: () => call('briefs', {}),
  inferenceTrace: (runId, inference) => call('inferenceTrace', { runId, ...(inference !== undefined ? { inference } : {}) }),
  openModelDialog: async () => {
    const result = (await ipcRenderer.invoke(OPEN_MODEL_DIALOG)) as IpcResult;
    if ('error' in result) return Promise.reject({ name: 'LabError', ...result.error });
    return result.value as string | null;
  },
  pathForFile: (file) => webUtils.getPathForFile(file as File),
  exportPdf: async (ids) => {
    const result = (await ipcRenderer.invoke(EXPORT_PDF, { ids })) as IpcResult;
    if ('error' in result) return Promise.reject({ name: 'LabError', ...result.error });
    return result.value as string | null;
  },
};

contextBridge.exposeInMainWorld('lab', lab);
