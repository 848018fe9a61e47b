import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileHashes } from '../helpers/file-hashes.js';
import { Workspace } from '../../core/evidence/index.js';
import { exportToMlflow } from '../../core/export/team-export.js';
import { FakeMlflowServer } from '../helpers/fake-mlflow-server.js';
import { completedRun } from './evidence-records.js';

// The evidence must not change. `.cache/` is left out: it is the git-ignored run index, which any
// read of the run list builds from the records (the export lists runs to find tradeoff families).
const snapshot = (dir: string) => Object.fromEntries(Object.entries(fileHashes(dir)).filter(([file]) => !file.startsWith('.cache/')));

// No MLflow server can be installed on the CI machines: FakeMlflowServer answers errors in MLflow's
// documented shape ({ error_code, message }) and records what the exporter sent.
describe('edgelab export mlflow quotes a refused request and changes nothing in the workspace', () => {
  let server: FakeMlflowServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  async function workspaceWith(run: ReturnType<typeof completedRun>): Promise<Workspace> {
    const workspace = await Workspace.open(mkdtempSync(path.join(tmpdir(), 'edgelab-mlflow-')));
    await workspace.saveRun(run);
    return workspace;
  }

  it('a server error names the status, the error_code, the message and the request that failed', async () => {
    server = new FakeMlflowServer({ failOn: { request: 'POST /api/2.0/mlflow/runs/log-batch', times: 1, status: 503, errorCode: 'TEMPORARILY_UNAVAILABLE', message: 'backend store is read-only' } });
    const uri = await server.start();
    const run = completedRun({ sampleCount: 20 });
    const workspace = await workspaceWith(run);
    const before = snapshot(workspace.dir);
    const error = (await exportToMlflow(workspace, { ids: [run.id], trackingUri: uri }, {}).catch((e: unknown) => e)) as Error & { hint?: string };
    expect(error.message).toContain('answered 503 TEMPORARILY_UNAVAILABLE: backend store is read-only');
    expect(error.message).toContain('POST /api/2.0/mlflow/runs/log-batch {"run_id":"');
    expect(error.hint).toMatch(/Nothing in the workspace changed/);
    expect(snapshot(workspace.dir)).toEqual(before);
  });

  it('an unreachable server is named with its URL and the request, not a stack trace', async () => {
    const probe = new FakeMlflowServer();
    const uri = await probe.start();
    await probe.stop(); // the port is now closed
    const run = completedRun({ sampleCount: 5 });
    const workspace = await workspaceWith(run);
    const before = snapshot(workspace.dir);
    const error = (await exportToMlflow(workspace, { ids: [run.id], trackingUri: uri }, {}).catch((e: unknown) => e)) as Error & { kind?: string };
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(new RegExp(`Cannot reach the MLflow tracking server at ${uri}/: ECONNREFUSED \\(request: GET /api/2\\.0/mlflow/experiments/get-by-name`));
    expect(snapshot(workspace.dir)).toEqual(before);
  });

  it('a tracking URI that is not http(s), or carries a password, is refused as usage', async () => {
    const run = completedRun({ sampleCount: 5 });
    const workspace = await workspaceWith(run);
    await expect(exportToMlflow(workspace, { ids: [run.id], trackingUri: 'file:///tmp/mlruns' }, {})).rejects.toMatchObject({ kind: 'usage', message: expect.stringMatching(/not file:/) });
    await expect(exportToMlflow(workspace, { ids: [run.id], trackingUri: 'http://ana:pw@mlflow:5000' }, {})).rejects.toMatchObject({ kind: 'usage', message: expect.stringMatching(/not in the URL/) });
    await expect(exportToMlflow(workspace, { ids: [run.id], trackingUri: 'mlflow box' }, {})).rejects.toMatchObject({ kind: 'usage', message: expect.stringMatching(/not a URL/) });
  });

  it('a record edited after it was recorded is refused before anything is sent', async () => {
    server = new FakeMlflowServer();
    const uri = await server.start();
    const run = completedRun({ sampleCount: 5 });
    const workspace = await workspaceWith(run);
    const file = workspace.runFile(run.id);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"p99": 4.99', '"p99": 1.99'));
    await expect(exportToMlflow(workspace, { ids: [run.id], trackingUri: uri }, {})).rejects.toThrow(/changed after it was recorded/);
    expect(server.requests).toHaveLength(0);
  });

  it('an unknown run id is refused by name before anything is sent', async () => {
    server = new FakeMlflowServer();
    const uri = await server.start();
    const workspace = await workspaceWith(completedRun({ sampleCount: 5 }));
    await expect(exportToMlflow(workspace, { ids: ['no-such-run'], trackingUri: uri }, {})).rejects.toMatchObject({ message: expect.stringContaining('no-such-run') });
    expect(server.requests).toHaveLength(0);
  });
});
