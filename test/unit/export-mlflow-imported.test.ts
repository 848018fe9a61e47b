import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../core/evidence/index.js';
import { exportToDvc, exportToMlflow } from '../../core/export/team-export.js';
import { FakeMlflowServer } from '../helpers/fake-mlflow-server.js';
import { completedRun } from './evidence-records.js';

// A trtexec performance summary recorded on a real NVIDIA GPU (test/fixtures/trtexec/1.txt, see its README): TensorRT
// cannot run here, so the imported evidence is a real recording. No MLflow server can be installed
// on the CI machines: FakeMlflowServer answers as MLflow's REST documentation specifies.
describe('an imported run is exported as imported, with the files it was imported from', () => {
  const server = new FakeMlflowServer();
  let uri = '';
  let workspace: Workspace;
  const log = readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'trtexec', '1.txt'));
  const run = {
    ...completedRun({ sampleCount: 12 }),
    origin: {
      kind: 'imported' as const,
      tool: 'trtexec',
      files: [{ role: 'log', name: 'trtexec.log', sha256: createHash('sha256').update(log).digest('hex') }],
      statedHardware: null, // this summary does not name its device
      importedAt: '2026-11-30T00:00:00.000Z',
    },
  };

  beforeAll(async () => {
    uri = await server.start();
    workspace = await Workspace.open(mkdtempSync(path.join(tmpdir(), 'edgelab-mlflow-')));
    await mkdir(workspace.artifactDir(run.id), { recursive: true });
    writeFileSync(path.join(workspace.artifactDir(run.id), 'trtexec.log'), log);
    await workspace.saveRun(run);
  });
  afterAll(() => server.stop());

  it('MLflow: tagged imported, engine trtexec, the log uploaded byte for byte', async () => {
    const result = await exportToMlflow(workspace, { ids: [run.id], trackingUri: uri }, {});
    const exported = server.activeRuns()[0];
    expect(exported?.tags.get('edgelab.evidence')).toBe('imported');
    expect(exported?.tags.get('edgelab.imported_from')).toBe('trtexec');
    expect(exported?.params.get('engine')).toBe('trtexec');
    expect(result.runs[0]?.artifacts).toContain('edgelab/imported/trtexec.log');
    expect(server.artifacts.get(`${result.experimentId}/${exported?.info.run_id}/artifacts/edgelab/imported/trtexec.log`)).toEqual(log);
  });

  it('DVC: params.yaml says imported', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-dvc-'));
    await exportToDvc(workspace, { dir, ids: [run.id] });
    expect(readFileSync(path.join(dir, 'params.yaml'), 'utf8')).toMatch(/evidence: imported[\s\S]*engine: trtexec/);
  });

  it('an imported file edited after the import is refused, and no MLflow run is created for it', async () => {
    writeFileSync(path.join(workspace.artifactDir(run.id), 'trtexec.log'), Buffer.concat([log, Buffer.from('\n[I] mean: 0.1 ms\n')]));
    const before = server.requests.length;
    await expect(exportToMlflow(workspace, { ids: [run.id], trackingUri: uri, experiment: 'other' }, {})).rejects.toThrow(/trtexec\.log was changed after run/);
    expect(server.requests.slice(before).map((r) => `${r.method} ${r.path.split('?')[0]}`)).not.toContain('POST /api/2.0/mlflow/runs/create');
  });
});
