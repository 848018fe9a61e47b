/**
 * What exporting runs to a team's tools answers, on every face (CLI, app, server). Types only, so
 * the renderer may import them.
 */

/** The MLflow experiment runs go to when none is named. */
export const DEFAULT_EXPERIMENT = 'edgelab';

export interface MlflowExportRequest {
  ids: string[];
  /** The tracking server's root URL, e.g. http://mlflow.internal:5000. */
  trackingUri: string;
  /** Experiment name; created when missing. Default: "edgelab". */
  experiment?: string;
  /** Every run in the workspace (ids left empty). */
  all?: boolean;
}

export interface MlflowExportedRun {
  runId: string;
  mlflowRunId: string;
  /** 'already-exported': the experiment held a complete export of this run, so nothing was sent. */
  outcome: 'exported' | 'already-exported';
  /** The run's page in the MLflow UI. */
  url: string;
  /** Calls to runs/log-batch this run took (0 when already exported). */
  logBatchCalls: number;
  artifacts: string[];
}

export interface MlflowExportResult {
  trackingUri: string;
  experimentId: string;
  experimentName: string;
  runs: MlflowExportedRun[];
}

export interface DvcExportRequest {
  /** The folder (inside a git/DVC repo) that receives dvc.yaml, params.yaml, metrics/ and plots/. */
  dir: string;
  /** Runs to export; empty: the newest run of each label. */
  ids: string[];
}

export interface DvcExportResult {
  dir: string;
  /** Files written or left as they were, relative to dir, sorted; edgelab-export.json is the manifest of them with their SHA-256. */
  files: string[];
  /** Files of an earlier export no longer written, removed: only those its manifest lists, still holding the bytes it wrote. */
  removed: string[];
  /** Files of an earlier export no longer written but left in place, and why (changed since, or no manifest to prove them edgelab's). */
  leftOver: Array<{ file: string; why: string }>;
  /** One entry per exported run: its key in params.yaml and the file names. */
  runs: Array<{ runId: string; key: string }>;
  /** Where the custom Vega-Lite template was installed for `dvc plots show`, or null when no .dvc/ folder was found above dir. */
  templateInstalledAt: string | null;
  /** The workspace's ledger head the export was made from (and its signed head, if any): written into the manifest, to pin. */
  ledgerHead: string | null;
  signedHead: string | null;
}
