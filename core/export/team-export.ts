import type { DvcExportRequest, DvcExportResult, MlflowExportedRun, MlflowExportRequest, MlflowExportResult } from '../api/team-export.js';
import type { Workspace } from '../evidence/index.js';
import { writeDvcExport } from './dvc/write-dvc-export.js';
import { selectRunsForExport } from './export-selection.js';
import { exportRunsToMlflow } from './mlflow/export-runs.js';

/**
 * The two exports as every face calls them (the CLI, LabService for the app and `edgelab serve`):
 * runs are read through the workspace's verified path, then sent or written; the workspace is only
 * read. An empty id list means every run (MLflow) or the newest run of each label (DVC).
 */
export async function exportToMlflow(workspace: Workspace, request: MlflowExportRequest & { all?: boolean }, env: NodeJS.ProcessEnv,
  hooks: { onRun?: (run: MlflowExportedRun) => void; fetch?: typeof fetch } = {}): Promise<MlflowExportResult> {
  const selection = await selectRunsForExport(workspace, request.ids, { all: request.all ?? request.ids.length === 0 });
  return exportRunsToMlflow(workspace, selection, {
    trackingUri: request.trackingUri,
    ...(request.experiment !== undefined ? { experiment: request.experiment } : {}),
    env,
    ...hooks,
  });
}

export async function exportToDvc(workspace: Workspace, request: DvcExportRequest): Promise<DvcExportResult> {
  const named = request.ids.length > 0;
  const selection = await selectRunsForExport(workspace, request.ids, { all: !named });
  return writeDvcExport(request.dir, selection, { named, workspaceDir: workspace.dir });
}
