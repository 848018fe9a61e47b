import type { LabApi } from '../api/lab-api.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import type { Workspace } from '../evidence/index.js';

// Each import's reader (the engines' parsers, the JSON stream parser, ONNX Runtime for a trace's
// model) loads with the first import, not with the lab that may never import anything.
const toolRuns = () => import('./import-runs.js');
const observedRuns = () => import('./import-observed-runs.js');
const cocoResults = () => import('./score-coco-results.js');

export type ImportCalls = Pick<LabApi, 'importTrtexec' | 'importOrtProfile' | 'importOpenvino' | 'importDeepstream' | 'importTegrastats' | 'scoreCocoResults'>;

/**
 * The LabApi imports, each request validated with the schema the transports use, so a direct caller
 * of LabService is refused in the same words. Kept apart from lab-service.ts, which runs and keeps.
 */
export function importCalls(workspace: Workspace): ImportCalls {
  return {
    importTrtexec: async (request) => (await toolRuns()).importTrtexecRun(workspace, LabRequestSchemas.importTrtexec.parse({ request }).request),
    importOrtProfile: async (request) => (await toolRuns()).importOrtProfileRun(workspace, LabRequestSchemas.importOrtProfile.parse({ request }).request),
    importOpenvino: async (request) => (await toolRuns()).importOpenvinoRun(workspace, LabRequestSchemas.importOpenvino.parse({ request }).request),
    importDeepstream: async (request) => (await observedRuns()).importDeepstreamRun(workspace, LabRequestSchemas.importDeepstream.parse({ request }).request),
    importTegrastats: async (request) => (await observedRuns()).importTegrastatsRun(workspace, LabRequestSchemas.importTegrastats.parse({ request }).request),
    scoreCocoResults: async (request) => (await cocoResults()).scoreCocoResults(workspace, LabRequestSchemas.scoreCocoResults.parse({ request }).request),
  };
}
