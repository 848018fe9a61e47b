import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileHashes } from '../helpers/file-hashes.js';
import { Workspace } from '../../core/evidence/index.js';
import { exportToDvc } from '../../core/export/team-export.js';
import { completedRun } from './evidence-records.js';

const snapshot = fileHashes;

async function workspaceWith(...runs: ReturnType<typeof completedRun>[]): Promise<Workspace> {
  const workspace = await Workspace.open(mkdtempSync(path.join(tmpdir(), 'edgelab-ws-')));
  for (const run of runs) await workspace.saveRun(run);
  return workspace;
}

describe('edgelab export dvc is stable: the same runs give the same bytes, a new run changes only its own files', () => {
  it('exporting twice gives byte-identical files', async () => {
    const workspace = await workspaceWith(completedRun({ modelFile: 'a.onnx', sampleCount: 64 }), completedRun({ modelFile: 'b.onnx', sampleCount: 64 }));
    const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-dvc-'));
    await exportToDvc(workspace, { dir, ids: [] });
    const first = snapshot(dir);
    const again = await exportToDvc(workspace, { dir, ids: [] });
    expect(snapshot(dir)).toEqual(first);
    expect(again.removed).toEqual([]);
  });

  it('a newer run of the same model and provider replaces its files under the same names', async () => {
    const older = completedRun({ modelFile: 'a.onnx', startedAt: new Date('2026-11-01T10:00:00Z'), sampleCount: 20 });
    const workspace = await workspaceWith(older);
    const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-dvc-'));
    await exportToDvc(workspace, { dir, ids: [] });
    const before = snapshot(dir);
    const newer = completedRun({ modelFile: 'a.onnx', startedAt: new Date('2026-11-02T10:00:00Z'), sampleCount: 30 });
    await workspace.saveRun(newer);
    const result = await exportToDvc(workspace, { dir, ids: [] });
    expect(result.runs).toEqual([{ runId: newer.id, key: 'a-cpu' }]);
    const after = snapshot(dir);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    // dvc.yaml names the same files, so `dvc metrics diff` compares the two runs; the data changed.
    expect(after['dvc.yaml']).toBe(before['dvc.yaml']);
    expect(after[path.join('plots', 'a-cpu', 'latency.tsv')]).not.toBe(before[path.join('plots', 'a-cpu', 'latency.tsv')]);
    expect(readFileSync(path.join(dir, 'params.yaml'), 'utf8')).toContain(`run_id: ${newer.id}`);
  });

  it('files of a run no longer exported are removed; two named runs under one name are refused', async () => {
    const a = completedRun({ modelFile: 'a.onnx', sampleCount: 10 });
    const b = completedRun({ modelFile: 'b.onnx', sampleCount: 10 });
    const a2 = completedRun({ modelFile: 'a.onnx', sampleCount: 10, startedAt: new Date(Date.now() + 5000) });
    const workspace = await workspaceWith(a, b, a2);
    const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-dvc-'));
    await exportToDvc(workspace, { dir, ids: [a.id, b.id] });
    const result = await exportToDvc(workspace, { dir, ids: [a.id] });
    expect(result.removed).toEqual(['metrics/b-cpu.json', 'plots/b-cpu/latency-cdf.tsv', 'plots/b-cpu/latency.tsv']);
    expect(Object.keys(snapshot(dir)).some((f) => f.includes('b-cpu'))).toBe(false);
    await expect(exportToDvc(workspace, { dir, ids: [a.id, a2.id] })).rejects.toMatchObject({ kind: 'usage', message: expect.stringContaining('would both be exported as "a-cpu"') });
  });

  it('a dvc.yaml edgelab did not write is never overwritten', async () => {
    const workspace = await workspaceWith(completedRun({ sampleCount: 10 }));
    const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-dvc-'));
    const pipeline = 'stages:\n  train:\n    cmd: python train.py\n';
    writeFileSync(path.join(dir, 'dvc.yaml'), pipeline);
    await expect(exportToDvc(workspace, { dir, ids: [] })).rejects.toMatchObject({ kind: 'usage', message: expect.stringContaining('was not written by edgelab') });
    expect(readFileSync(path.join(dir, 'dvc.yaml'), 'utf8')).toBe(pipeline);
    expect(readdirSync(dir)).toEqual(['dvc.yaml']);
  });

  it('inside a DVC repo the CDF template is installed where DVC looks for custom templates', async () => {
    const workspace = await workspaceWith(completedRun({ sampleCount: 10 }));
    const repo = mkdtempSync(path.join(tmpdir(), 'edgelab-repo-'));
    mkdirSync(path.join(repo, '.dvc'));
    const result = await exportToDvc(workspace, { dir: path.join(repo, 'perf'), ids: [] });
    expect(result.templateInstalledAt).toBe(path.join(repo, '.dvc', 'plots', 'edgelab-latency-cdf.json'));
    expect(readFileSync(result.templateInstalledAt ?? '', 'utf8')).toBe(readFileSync(path.join(repo, 'perf', 'plots', 'templates', 'edgelab-latency-cdf.json'), 'utf8'));
  });
});

describe('edgelab export dvc destroys nothing', () => {
  it('refuses a folder inside the evidence workspace (or the workspace itself) before writing anything', async () => {
    const workspace = await workspaceWith(completedRun({ modelFile: 'a.onnx', sampleCount: 16 }));
    const before = snapshot(workspace.dir);
    await expect(exportToDvc(workspace, { dir: path.join(workspace.dir, 'perf'), ids: [] })).rejects.toMatchObject({ kind: 'usage', message: expect.stringContaining('is inside the evidence workspace') });
    await expect(exportToDvc(workspace, { dir: workspace.dir, ids: [] })).rejects.toMatchObject({ kind: 'usage', message: expect.stringContaining('is the evidence workspace') });
    // Every file that was there is unchanged (reading may add the derived run-list cache), and no export file landed.
    const after = snapshot(workspace.dir);
    for (const [file, hash] of Object.entries(before)) expect(after[file], file).toBe(hash);
    expect(Object.keys(after).filter((f) => /dvc\.yaml|\.tsv$|^perf|edgelab-export/.test(f))).toEqual([]);
    expect(existsSync(path.join(workspace.dir, 'perf'))).toBe(false);
  });

  it('exports into a folder that holds the workspace (perf/evidence in perf/), touching nothing of it', async () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'edgelab-repo-'));
    const workspace = await Workspace.open(path.join(repo, 'perf', 'evidence'));
    await workspace.saveRun(completedRun({ modelFile: 'a.onnx', sampleCount: 16 }));
    await workspace.listRuns();
    const before = snapshot(workspace.dir);
    const result = await exportToDvc(workspace, { dir: path.join(repo, 'perf'), ids: [] });
    expect(result.files).toContain('metrics/a-cpu.json');
    expect(snapshot(workspace.dir)).toEqual(before);
  });

  it('installs the CDF template only into a real .dvc/plots: a link there to the workspace refuses the export before anything is written', async () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'edgelab-repo-'));
    const workspace = await Workspace.open(path.join(repo, 'evidence'));
    await workspace.saveRun(completedRun({ modelFile: 'a.onnx', sampleCount: 16 }));
    mkdirSync(path.join(repo, '.dvc'));
    symlinkSync(workspace.layout.runsDir, path.join(repo, '.dvc', 'plots'));
    const before = snapshot(workspace.dir);
    await expect(exportToDvc(workspace, { dir: path.join(repo, 'perf'), ids: [] })).rejects.toMatchObject({ kind: 'usage', message: expect.stringContaining(`${path.join(repo, '.dvc', 'plots')} is a symbolic link`) });
    expect(readdirSync(path.join(repo, 'perf'))).toEqual([]);
    const after = snapshot(workspace.dir);
    for (const [file, hash] of Object.entries(before)) if (!file.startsWith('.cache')) expect(after[file], file).toBe(hash);
    expect(Object.keys(after).filter((f) => f.includes('edgelab-latency-cdf'))).toEqual([]);
  });

  it('refuses to replace something that is not a regular file (a FIFO would hang a read)', async () => {
    const workspace = await workspaceWith(completedRun({ modelFile: 'a.onnx', sampleCount: 16 }));
    const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-dvc-'));
    const first = await exportToDvc(workspace, { dir, ids: [] });
    const target = path.join(dir, first.files.find((f) => f.endsWith('.tsv')) as string);
    rmSync(target);
    execFileSync('mkfifo', [target]);
    await expect(exportToDvc(workspace, { dir, ids: [] })).rejects.toMatchObject({ kind: 'usage', message: expect.stringContaining('is a named pipe (FIFO), where the export keeps a regular file') });
  });
});
