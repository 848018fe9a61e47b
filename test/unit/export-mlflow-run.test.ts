import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../core/evidence/index.js';
import { readLedger } from '../../core/evidence/ledger.js';
import { exportToMlflow } from '../../core/export/team-export.js';
import { FakeMlflowServer } from '../helpers/fake-mlflow-server.js';
import { completedRun, failedRun } from './evidence-records.js';

// No MLflow server can be installed on the CI machines: FakeMlflowServer answers as MLflow's REST
// API documentation specifies, and records what the exporter sent.
describe('edgelab export mlflow: one run becomes one MLflow run with params, metrics, tags and artifacts', () => {
  const server = new FakeMlflowServer();
  let uri = '';
  let workspace: Workspace;
  const run = completedRun({ sampleCount: 2500 });
  const failed = failedRun();

  beforeAll(async () => {
    uri = await server.start();
    workspace = await Workspace.open(mkdtempSync(path.join(tmpdir(), 'edgelab-mlflow-')));
    await workspace.saveRun(run);
    await workspace.saveRun(failed);
  });
  afterAll(() => server.stop());

  it('creates the experiment and one finished run carrying the record', async () => {
    const result = await exportToMlflow(workspace, { ids: [run.id], trackingUri: uri, experiment: 'detector-latency' }, {});
    expect(result.experimentName).toBe('detector-latency');
    expect(server.calls('POST /api/2.0/mlflow/experiments/create')).toHaveLength(1);
    const [mlflowRun] = server.activeRuns();
    expect(server.activeRuns()).toHaveLength(1);
    expect(result.runs[0]).toMatchObject({ runId: run.id, mlflowRunId: mlflowRun?.info.run_id, outcome: 'exported' });
    expect(result.runs[0]?.url).toBe(`${uri}/#/experiments/${result.experimentId}/runs/${mlflowRun?.info.run_id}`);
    expect(mlflowRun?.info.status).toBe('FINISHED');
    expect(mlflowRun?.info.start_time).toBe(Date.parse(run.startedAt));
    expect(mlflowRun?.info.end_time).toBe(Date.parse(run.finishedAt));

    const params = Object.fromEntries(mlflowRun?.params ?? []);
    expect(params).toMatchObject({ model: 'mobilenet.onnx', engine: 'onnxruntime', execution_provider: 'cpu', intra_op_num_threads: '0', scenario: 'single-stream', 'shape.input': 'float32[1x3x224x224]', warmup_iterations: '10' });

    const ledger = await readLedger(workspace.layout.ledgerPath);
    const entry = ledger.entries.find((e) => e.id === run.id);
    const tags = Object.fromEntries(mlflowRun?.tags ?? []);
    expect(tags).toMatchObject({
      'edgelab.run_id': run.id,
      'edgelab.model_sha256': 'a'.repeat(64),
      'edgelab.hardware_fingerprint': 'c'.repeat(64),
      'edgelab.record_sha256': entry?.sha256,
      'edgelab.ledger_entry': entry?.entryHash,
      'edgelab.ledger_head': ledger.head,
      'edgelab.verdict': 'pass',
      'edgelab.evidence': 'measured',
      'edgelab.export': 'complete',
    });
    expect(tags['edgelab.target.1']).toMatch(/^p99<=33ms: pass \(observed 4\.99 ms/);

    const scalar = (key: string) => mlflowRun?.metrics.filter((m) => m.key === key).map((m) => m.value);
    expect(scalar('latency_ms.p99')).toEqual([4.99]);
    expect(scalar('throughput_per_s')).toEqual([222.2]);
    expect(scalar('cold_start_ms.session_create')).toEqual([40.5]);
    expect(scalar('verdicts.pass')).toEqual([1]);
    const series = mlflowRun?.metrics.filter((m) => m.key === 'latency_ms') ?? [];
    expect(series.map((m) => m.value)).toEqual(run.samplesMs);
    expect(series.map((m) => m.step)).toEqual(run.samplesMs.map((_, i) => i + 1));

    const artifactRoot = `${result.experimentId}/${mlflowRun?.info.run_id}/artifacts`;
    expect(server.artifacts.get(`${artifactRoot}/edgelab/record.json`)).toEqual(readFileSync(workspace.runFile(run.id)));
    expect(server.artifacts.get(`${artifactRoot}/edgelab/report.html`)?.toString()).toMatch(/^<!doctype html>/i);
  });

  it('exports a failed run as FAILED with its error and the samples it took', async () => {
    const result = await exportToMlflow(workspace, { ids: [failed.id], trackingUri: uri, experiment: 'detector-latency' }, {});
    const exported = server.runs.get(result.runs[0]?.mlflowRunId ?? '');
    expect(exported?.info.status).toBe('FAILED');
    expect(exported?.tags.get('edgelab.error')).toBe('cuda is not available here');
    expect(exported?.tags.get('edgelab.verdict')).toBe('none');
  });
});
