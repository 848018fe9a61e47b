import type { DeepstreamImportRequest, ImportResult, TegrastatsImportRequest } from '../api/imports.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import { importDeepstream } from './import-tool-runs.js';
import type { Workspace } from '../evidence/index.js';
import { importTegrastats } from './import-tegrastats.js';
import { resultOf } from './import-runs.js';

/**
 * The imports of runs observed without per-inference samples, as LabApi answers them: the request
 * validated by the same schema on every face (the CLI parses its flags into the same request).
 * `tags` is the CLI's alone, as for trtexec.
 */
export async function importDeepstreamRun(workspace: Workspace, request: DeepstreamImportRequest, extra: { tags?: string[] } = {}): Promise<ImportResult> {
  const r = LabRequestSchemas.importDeepstream.parse({ request }).request;
  const imported = await importDeepstream({ ...r, ...(extra.tags ? { tags: extra.tags } : {}) }, { workspace });
  return resultOf(imported.record, 'deepstream');
}

export async function importTegrastatsRun(workspace: Workspace, request: TegrastatsImportRequest): Promise<ImportResult> {
  const r = LabRequestSchemas.importTegrastats.parse({ request }).request;
  const imported = await importTegrastats(r, { workspace });
  return resultOf(imported.record, 'tegrastats');
}
