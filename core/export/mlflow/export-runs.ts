import { LabError } from '../../api/errors.js';
import type { MlflowExportedRun, MlflowExportResult } from '../../api/team-export.js';
import type { Workspace } from '../../evidence/index.js';
import { edgelabVersion } from '../../package-root.js';
import type { TradeoffFields } from '../../tradeoff/tradeoff-fields.js';
import type { ExportedRecord, ExportSelection } from '../export-selection.js';
import { splitLogBatches } from './log-batches.js';
import { MlflowRestClient } from './rest-client.js';
import { runArtifacts } from './run-artifacts.js';
import { EXPORT_COMPLETE_TAG, mlflowRunPayload, runIdFilter } from './run-payload.js';

import { DEFAULT_EXPERIMENT } from '../../api/team-export.js';
export { DEFAULT_EXPERIMENT };

export interface MlflowExportOptions {
  trackingUri: string;
  experiment?: string;
  env: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  /** Tradeoff rows by run id (core/tradeoff): a variant's runs carry its figures, Pareto flag and stated price. */
  tradeoff?: ReadonlyMap<string, TradeoffFields>;
  /** One line per run as it is exported or skipped. */
  onRun?: (run: MlflowExportedRun) => void;
}

/**
 * Sends runs to an MLflow tracking server through its REST API, each once per experiment: a run
 * whose complete export the experiment already holds (found by its `edgelab.run_id` tag) is
 * skipped; one that an earlier export left incomplete is deleted and sent again. Reads the
 * workspace only; nothing in it changes.
 */
export async function exportRunsToMlflow(workspace: Workspace, selection: ExportSelection, options: MlflowExportOptions): Promise<MlflowExportResult> {
  const client = new MlflowRestClient(options.trackingUri, { env: options.env, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const experimentName = options.experiment ?? DEFAULT_EXPERIMENT;
  const experimentId = await ensureExperiment(client, experimentName);
  const runs: MlflowExportedRun[] = [];
  for (const exported of selection.records) {
    const run = await exportOne(client, workspace, experimentId, exported, selection, options.tradeoff?.get(exported.record.id));
    runs.push(run);
    options.onRun?.(run);
  }
  return { trackingUri: client.baseUrl.href, experimentId, experimentName, runs };
}

async function ensureExperiment(client: MlflowRestClient, name: string): Promise<string> {
  const existing = await client.getExperimentByName(name);
  if (existing) {
    if (existing.lifecycle_stage === 'deleted') {
      throw new LabError('usage', `The MLflow experiment "${name}" is deleted.`, 'Restore it in the MLflow UI (or `mlflow experiments restore`), or name another with --experiment.');
    }
    return existing.experiment_id;
  }
  return client.createExperiment(name, [{ key: 'mlflow.note.content', value: 'Inference runs exported by edgelab: one MLflow run per edgelab run record.' }]);
}

async function exportOne(client: MlflowRestClient, workspace: Workspace, experimentId: string, exported: ExportedRecord, pin: Pick<ExportSelection, 'ledgerHead' | 'signedHead'>, tradeoff: TradeoffFields | undefined): Promise<MlflowExportedRun> {
  const { record } = exported;
  const runUrl = (mlflowRunId: string) => new URL(`#/experiments/${experimentId}/runs/${mlflowRunId}`, client.baseUrl.href.endsWith('/') ? client.baseUrl : `${client.baseUrl.href}/`).href;
  const found = await client.searchRuns(experimentId, runIdFilter(record.id));
  const complete = found.find((r) => r.data?.tags?.some((t) => t.key === EXPORT_COMPLETE_TAG && t.value === 'complete'));
  if (complete) {
    return { runId: record.id, mlflowRunId: complete.info.run_id, outcome: 'already-exported', url: runUrl(complete.info.run_id), logBatchCalls: 0, artifacts: [] };
  }
  // An export cut off earlier (network, a killed process) left a run without the completion tag.
  for (const partial of found) await client.deleteRun(partial.info.run_id);

  const payload = mlflowRunPayload(record, {
    recordSha256: exported.sha256,
    ledgerEntryHash: exported.ledgerEntryHash,
    ledgerHead: pin.ledgerHead,
    signedHead: pin.signedHead,
    edgelabVersion: edgelabVersion(),
  }, tradeoff);
  // Artifacts are read (and their hashes checked) before the run is created, so a bad file leaves nothing behind.
  const artifacts = await runArtifacts(workspace, record, exported.bytes);
  const info = await client.createRun({ experiment_id: experimentId, run_name: payload.runName, start_time: payload.startTimeMs, tags: payload.createTags });
  const batches = splitLogBatches({ params: payload.params, tags: payload.tags, metrics: payload.metrics });
  for (const batch of batches) await client.logBatch({ run_id: info.run_id, ...batch });
  if (!info.artifact_uri) throw new LabError('unavailable', `MLflow created run ${info.run_id} without an artifact_uri.`, 'Is --tracking-uri an MLflow tracking server (REST API 2.0)?');
  for (const artifact of artifacts) await client.uploadArtifact(info.artifact_uri, artifact.path, artifact.content, artifact.mediaType);
  await client.updateRun({ run_id: info.run_id, status: payload.status, end_time: payload.endTimeMs });
  await client.logBatch({ run_id: info.run_id, metrics: [], params: [], tags: [{ key: EXPORT_COMPLETE_TAG, value: 'complete' }] });
  return { runId: record.id, mlflowRunId: info.run_id, outcome: 'exported', url: runUrl(info.run_id), logBatchCalls: batches.length + 1, artifacts: artifacts.map((a) => a.path) };
}
