import type { LabApi } from '../api/lab-api.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import type { Workspace } from '../evidence/index.js';
import { importDeepstreamRun, importTegrastatsRun } from './import-observed-runs.js';
import { importOpenvinoRun, importOrtProfileRun, importTrtexecRun } from './import-runs.js';

export type ImportCalls = Pick<LabApi, 'importTrtexec' | 'importOrtProfile' | 'importOpenvino' | 'importDeepstream' | 'importTegrastats'>;

/**
 * The LabApi imports, each request validated with the schema the transports use, so a direct caller
 * of LabService is refused in the same words. Kept apart from lab-service.ts, which runs and keeps.
 */
export function importCalls(workspace: Workspace): ImportCalls {
  return {
    importTrtexec: (request) => importTrtexecRun(workspace, LabRequestSchemas.importTrtexec.parse({ request }).request),
    importOrtProfile: (request) => importOrtProfileRun(workspace, LabRequestSchemas.importOrtProfile.parse({ request }).request),
    importOpenvino: (request) => importOpenvinoRun(workspace, LabRequestSchemas.importOpenvino.parse({ request }).request),
    importDeepstream: (request) => importDeepstreamRun(workspace, LabRequestSchemas.importDeepstream.parse({ request }).request),
    importTegrastats: (request) => importTegrastatsRun(workspace, LabRequestSchemas.importTegrastats.parse({ request }).request),
  };
}
