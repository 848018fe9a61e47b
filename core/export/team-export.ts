import type { DvcExportRequest, DvcExportResult, MlflowExportedRun, MlflowExportRequest, MlflowExportResult } from '../api/team-export.js';
import type { TradeoffView } from '../api/tradeoff.js';
import type { Workspace } from '../evidence/index.js';
import { writeDvcExport } from './dvc/write-dvc-export.js';
import { selectRunsForExport } from './export-selection.js';
import { exportRunsToMlflow } from './mlflow/export-runs.js';
import { tradeoffFieldsByRun } from '../tradeoff/tradeoff-fields.js';
import { workspaceTradeoffs } from '../tradeoff/workspace-tradeoffs.js';

/**
 * The two exports as every face calls them (the CLI, LabService for the app and `edgelab serve`):
 * runs are read through the workspace's verified path, then sent or written; the workspace is only
 * read. An empty id list means every run (MLflow) or the newest run of each label (DVC).
 */
export async function exportToMlflow(workspace: Workspace, request: MlflowExportRequest & { all?: boolean }, env: NodeJS.ProcessEnv,
  hooks: { onRun?: (run: MlflowExportedRun) => void; fetch?: typeof fetch } = {}): Promise<MlflowExportResult> {
  const selection = await selectRunsForExport(workspace, request.ids, { all: request.all ?? request.ids.length === 0 });
  const tradeoff = tradeoffFieldsByRun(await workspaceTradeoffs(workspace));
  return exportRunsToMlflow(workspace, selection, {
    trackingUri: request.trackingUri,
    tradeoff,
    ...(request.experiment !== undefined ? { experiment: request.experiment } : {}),
    env,
    ...hooks,
  });
}

export async function exportToDvc(workspace: Workspace, request: DvcExportRequest): Promise<DvcExportResult> {
  const named = request.ids.length > 0;
  const selection = await selectRunsForExport(workspace, request.ids, { all: !named });
  const ids = new Set(selection.records.map((r) => r.record.id));
  return writeDvcExport(request.dir, selection, { named, workspaceDir: workspace.dir, tradeoff: forRuns(await workspaceTradeoffs(workspace), ids) });
}

/** The families narrowed to the variants one of whose runs is exported, so a DVC export shows only what it names. */
function forRuns(view: TradeoffView, ids: ReadonlySet<string>): TradeoffView {
  const families = view.families
    .map((f) => ({ ...f, variants: f.variants.filter((v) => ids.has(v.passRunId) || (v.timedRunId !== null && ids.has(v.timedRunId))) }))
    .filter((f) => f.variants.length > 0);
  return { ...view, families };
}
