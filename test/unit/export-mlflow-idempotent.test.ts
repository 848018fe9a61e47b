import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../core/evidence/index.js';
import { exportToMlflow } from '../../core/export/team-export.js';
import { FakeMlflowServer } from '../helpers/fake-mlflow-server.js';
import { completedRun } from './evidence-records.js';

// No MLflow server can be installed on the CI machines: FakeMlflowServer answers as MLflow's REST
// API documentation specifies (runs/search by tag, runs/log-batch limits) and records each request.
describe('edgelab export mlflow sends each run once, in log-batch calls within MLflow limits', () => {
  let server: FakeMlflowServer;
  afterEach(() => server.stop());

  async function workspaceWith(...runs: ReturnType<typeof completedRun>[]): Promise<Workspace> {
    const workspace = await Workspace.open(mkdtempSync(path.join(tmpdir(), 'edgelab-mlflow-')));
    for (const run of runs) await workspace.saveRun(run);
    return workspace;
  }

  it('exporting twice leaves one MLflow run, and the second export sends no data', async () => {
    server = new FakeMlflowServer();
    const uri = await server.start();
    const run = completedRun({ sampleCount: 40 });
    const workspace = await workspaceWith(run);
    const first = await exportToMlflow(workspace, { ids: [run.id], trackingUri: uri }, {});
    const sentBefore = server.calls('POST /api/2.0/mlflow/runs/log-batch').length;
    const second = await exportToMlflow(workspace, { ids: [run.id], trackingUri: uri }, {});
    expect(server.activeRuns()).toHaveLength(1);
    expect(second.runs[0]).toMatchObject({ outcome: 'already-exported', mlflowRunId: first.runs[0]?.mlflowRunId, logBatchCalls: 0 });
    expect(server.calls('POST /api/2.0/mlflow/runs/log-batch')).toHaveLength(sentBefore);
    expect(server.calls('POST /api/2.0/mlflow/runs/create')).toHaveLength(1);
    expect(server.calls('POST /api/2.0/mlflow/experiments/create')).toHaveLength(1);
    // The lookup is MLflow's search syntax on the edgelab id tag, within the experiment.
    const search = server.calls('POST /api/2.0/mlflow/runs/search').at(-1)?.json as { filter: string; experiment_ids: string[] };
    expect(search.filter).toBe(`tags.\`edgelab.run_id\` = '${run.id}'`);
    expect(search.experiment_ids).toEqual([first.experimentId]);
  });

  it('a run with more than 1000 samples goes out in several log-batch calls, none over a limit', async () => {
    server = new FakeMlflowServer();
    const uri = await server.start();
    const run = completedRun({ sampleCount: 2345 });
    const workspace = await workspaceWith(run);
    const result = await exportToMlflow(workspace, { ids: [run.id], trackingUri: uri }, {});
    const batches = server.calls('POST /api/2.0/mlflow/runs/log-batch').map((r) => r.json as { metrics: unknown[]; params: unknown[]; tags: unknown[] });
    expect(batches.length).toBeGreaterThanOrEqual(4); // ≥ 3 for 2345 series points + scalars, then the completion tag
    expect(result.runs[0]?.logBatchCalls).toBe(batches.length);
    for (const b of batches) {
      expect(b.metrics.length).toBeLessThanOrEqual(1000);
      expect(b.params.length).toBeLessThanOrEqual(100);
      expect(b.tags.length).toBeLessThanOrEqual(100);
      expect(b.metrics.length + b.params.length + b.tags.length).toBeLessThanOrEqual(1000);
    }
    const series = server.activeRuns()[0]?.metrics.filter((m) => m.key === 'latency_ms') ?? [];
    expect(series).toHaveLength(2345);
    expect(series.map((m) => m.step)).toEqual(Array.from({ length: 2345 }, (_, i) => i + 1));
  });

  it('an export cut off half-way is replaced, not duplicated, by the next one', async () => {
    // The first artifact upload fails: the run exists in MLflow without its completion tag.
    server = new FakeMlflowServer({ failOn: { request: 'PUT /api/2.0/mlflow-artifacts/', times: 1 } });
    const uri = await server.start();
    const run = completedRun({ sampleCount: 30 });
    const workspace = await workspaceWith(run);
    await expect(exportToMlflow(workspace, { ids: [run.id], trackingUri: uri }, {})).rejects.toThrow(/answered 500 INTERNAL_ERROR/);
    expect(server.activeRuns()).toHaveLength(1);
    const partial = server.activeRuns()[0]?.info.run_id;

    const retry = await exportToMlflow(workspace, { ids: [run.id], trackingUri: uri }, {});
    expect(retry.runs[0]?.outcome).toBe('exported');
    expect(server.activeRuns()).toHaveLength(1);
    expect(server.activeRuns()[0]?.info.run_id).not.toBe(partial);
    expect(server.runs.get(partial ?? '')?.info.lifecycle_stage).toBe('deleted');
    expect(server.activeRuns()[0]?.metrics.filter((m) => m.key === 'latency_ms')).toHaveLength(30);
  });
});
