import { LabError } from '../api/errors.js';
import type { ImportResult, OrtProfileImportRequest, TrtexecImportRequest } from '../api/imports.js';
import { failureOf, type RunRecord } from '../api/run-record.js';
import { importOpenvino, importTrtexec } from './import-tool-runs.js';
import type { OpenvinoImportRequest } from '../api/openvino-import.js';
import type { Workspace } from '../evidence/index.js';
import { importOrtProfile } from './import-ort-profile.js';

/**
 * The imports as LabApi answers them (the app's Import screen, `edgelab serve`): the same importers
 * the CLI's `edgelab import` calls, so a file is read, refused and recorded the same way on every
 * face. The answer is what the screen shows and links to; the record itself is one `run(id)` away.
 */
export function resultOf(record: RunRecord, tool: string): ImportResult {
  return {
    runId: record.id,
    state: record.state,
    tool,
    hardware: typeof record.hardware?.['label'] === 'string' ? record.hardware['label'] : 'not stated',
    files: record.origin?.files ?? [],
    failure: record.state === 'completed' || record.state === 'observed' ? null : failureOf(record).message,
  };
}

export async function importTrtexecRun(workspace: Workspace, request: TrtexecImportRequest): Promise<ImportResult> {
  const imported = await importTrtexec(
    {
      ...(request.log ? { log: request.log } : {}),
      ...(request.times ? { times: request.times } : {}),
      ...(request.profile ? { profile: request.profile } : {}),
      ...(request.layerInfo ? { layerInfo: request.layerInfo } : {}),
      ...(request.model ? { model: request.model } : {}),
      ...(request.label ? { label: request.label } : {}),
      ...(request.statedHardware ? { statedHardware: request.statedHardware } : {}),
    },
    { workspace },
  );
  return resultOf(imported.record, 'trtexec');
}

export async function importOrtProfileRun(workspace: Workspace, request: OrtProfileImportRequest): Promise<ImportResult> {
  if (request.trace.trim() === '') {
    throw new LabError('usage', 'No profile trace given: nothing to import.', 'Give the path of the profile ONNX Runtime wrote (a .json or .json.gz file), on the lab\'s machine.');
  }
  const imported = await importOrtProfile({
    tracePath: request.trace,
    modelPath: request.model ?? null,
    ...(request.label ? { label: request.label } : {}),
    ...(request.statedHardware ? { statedHardware: request.statedHardware } : {}),
    workspace,
  });
  return resultOf(imported.record, 'ort-profile');
}

export async function importOpenvinoRun(workspace: Workspace, request: OpenvinoImportRequest): Promise<ImportResult> {
  const imported = await importOpenvino(request, { workspace });
  return resultOf(imported.record, 'openvino');
}
