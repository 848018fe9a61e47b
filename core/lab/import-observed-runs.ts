import type { DeepstreamImportRequest, ImportResult, TegrastatsImportRequest } from '../api/imports.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import { importDeepstream } from './import-tool-runs.js';
import type { Workspace } from '../evidence/index.js';
import { importTegrastats } from './import-tegrastats.js';
import { resultOf } from './import-runs.js';

/**
 * The imports of runs observed without per-inference samples, as LabApi answers them: the request
 * validated by the same schema on every face (the CLI parses its flags into the same request).
 */
export async function importDeepstreamRun(workspace: Workspace, request: DeepstreamImportRequest): Promise<ImportResult> {
  const r = LabRequestSchemas.importDeepstream.parse({ request }).request;
  const imported = await importDeepstream(r, { workspace });
  return resultOf(imported.record, 'deepstream', { workspace, filesDir: imported.filesDir });
}

export async function importTegrastatsRun(workspace: Workspace, request: TegrastatsImportRequest): Promise<ImportResult> {
  const r = LabRequestSchemas.importTegrastats.parse({ request }).request;
  const imported = await importTegrastats(r, { workspace });
  return resultOf(imported.record, 'tegrastats', { workspace, filesDir: imported.filesDir });
}
