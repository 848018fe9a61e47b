import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLabError } from '../../core/api/errors.js';
import { Workspace } from '../../core/evidence/index.js';
import { exportToMlflow } from '../../core/export/team-export.js';
import { FakeMlflowServer } from '../helpers/fake-mlflow-server.js';
import { completedRun } from './evidence-records.js';

// No MLflow server can be installed on the CI machines: FakeMlflowServer checks the Authorization
// header the way `mlflow server --app-name basic-auth` (or a token proxy in front of it) would.
describe('edgelab export mlflow authenticates as MLflow clients do: MLFLOW_TRACKING_TOKEN, else username and password', () => {
  let server: FakeMlflowServer;
  let workspace: Workspace;
  const run = completedRun({ sampleCount: 10 });
  beforeEach(async () => {
    workspace = await Workspace.open(mkdtempSync(path.join(tmpdir(), 'edgelab-mlflow-')));
    await workspace.saveRun(run);
  });
  afterEach(() => server.stop());

  it('sends MLFLOW_TRACKING_TOKEN as a Bearer token on every request, artifact uploads included', async () => {
    server = new FakeMlflowServer({ requireAuthorization: 'Bearer s3cr3t-token' });
    const uri = await server.start();
    await exportToMlflow(workspace, { ids: [run.id], trackingUri: uri }, { MLFLOW_TRACKING_TOKEN: 's3cr3t-token', MLFLOW_TRACKING_USERNAME: 'ignored' });
    expect(server.requests.length).toBeGreaterThan(5);
    expect(new Set(server.requests.map((r) => r.authorization))).toEqual(new Set(['Bearer s3cr3t-token']));
    expect(server.calls('PUT /api/2.0/mlflow-artifacts/').length).toBeGreaterThanOrEqual(2);
  });

  it('sends MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD as HTTP Basic', async () => {
    const basic = `Basic ${Buffer.from('ana:pä55:word').toString('base64')}`;
    server = new FakeMlflowServer({ requireAuthorization: basic });
    const uri = await server.start();
    await exportToMlflow(workspace, { ids: [run.id], trackingUri: uri }, { MLFLOW_TRACKING_USERNAME: 'ana', MLFLOW_TRACKING_PASSWORD: 'pä55:word' });
    expect(new Set(server.requests.map((r) => r.authorization))).toEqual(new Set([basic]));
    expect(server.activeRuns()).toHaveLength(1);
  });

  it('without credentials a protected server is refused with the status, the request and what to set', async () => {
    server = new FakeMlflowServer({ requireAuthorization: 'Bearer x' });
    const uri = await server.start();
    const error = await exportToMlflow(workspace, { ids: [run.id], trackingUri: uri }, {}).catch((e: unknown) => e);
    expect(isLabError(error)).toBe(true);
    expect((error as Error).message).toContain('answered 401');
    expect((error as Error).message).toContain('GET /api/2.0/mlflow/experiments/get-by-name?experiment_name=edgelab');
    expect((error as { hint: string }).hint).toMatch(/MLFLOW_TRACKING_TOKEN/);
    expect(server.requests.every((r) => r.authorization === undefined)).toBe(true);
  });

  it('a username without a password is refused before any request', async () => {
    server = new FakeMlflowServer();
    const uri = await server.start();
    await expect(exportToMlflow(workspace, { ids: [run.id], trackingUri: uri }, { MLFLOW_TRACKING_USERNAME: 'ana' })).rejects.toThrow(/MLFLOW_TRACKING_PASSWORD is not/);
    expect(server.requests).toHaveLength(0);
  });
});
