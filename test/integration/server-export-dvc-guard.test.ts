import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { DvcExportResult } from '../../core/api/team-export.js';
import { Workspace } from '../../core/evidence/index.js';
import { LabService } from '../../core/lab/lab-service.js';
import { forkRunner } from '../../core/runner/fork-runner.js';
import { startLabServer } from '../../core/server/lab-server.js';
import { fileHashes } from '../helpers/file-hashes.js';
import { completedRun } from '../unit/evidence-records.js';

// A real `edgelab serve` (the HTTP server over LabService) exporting from a workspace laid out as
// the README lays out a model repo: perf/evidence inside the export folder perf/.
const repo = mkdtempSync(path.join(tmpdir(), 'edgelab-serve-dvc-'));
const ws = path.join(repo, 'perf', 'evidence');
const workspace = await Workspace.open(ws);
for (const modelFile of ['a.onnx', 'b.onnx']) await workspace.saveRun(completedRun({ modelFile, sampleCount: 32 }));
const lab = new LabService({ workspace, launchRunner: forkRunner });
const server = await startLabServer({ lab, port: 0, host: '127.0.0.1', rendererDir: path.join(repo, 'no-bundle') });
afterAll(async () => {
  await server.close();
  await lab.close();
});

async function exportDvc(dir: string): Promise<{ status: number; value?: DvcExportResult; error?: { message: string } }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/exportDvc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-edgelab-token': server.token },
    body: JSON.stringify({ request: { dir, ids: [] } }),
  });
  const body = (await res.json()) as { value?: DvcExportResult; error?: { message: string } };
  return { status: res.status, ...body };
}

function evidence(): Record<string, string> {
  return Object.fromEntries(Object.entries(fileHashes(ws)).filter(([f]) => !f.startsWith('.cache')));
}

describe('exportDvc over HTTP holds the same rules as the CLI', () => {
  test('writes into the folder that holds the workspace, and touches nothing of it', async () => {
    const before = evidence();
    const r = await exportDvc(path.join(repo, 'perf'));
    expect(r.error).toBeUndefined();
    expect(r.value?.files).toContain('edgelab-export.json');
    expect(r.value?.runs.map((x) => x.key)).toEqual(['a-cpu', 'b-cpu']);
    expect(evidence()).toEqual(before);
  });

  test('a symlink to runs/, a FIFO dvc.yaml and /proc are each answered with an error at once; the evidence is as it was', async () => {
    const before = evidence();
    const linked = path.join(repo, 'linked');
    mkdirSync(linked);
    writeFileSync(path.join(linked, 'dvc.yaml'), '# Written by `edgelab export dvc`. Export again to update; edits here are overwritten.\n');
    symlinkSync(path.join(ws, 'runs'), path.join(linked, 'metrics'));
    const fifo = path.join(repo, 'fifo');
    mkdirSync(fifo);
    execFileSync('mkfifo', [path.join(fifo, 'dvc.yaml')]);
    for (const [dir, message] of [
      [linked, 'metrics is a symbolic link'],
      [fifo, 'dvc.yaml is a named pipe (FIFO)'],
      ['/proc/self/perf', 'a kernel file system'],
    ] as const) {
      const r = await exportDvc(dir);
      expect(r.status, dir).toBeGreaterThanOrEqual(400);
      expect(r.error?.message, dir).toContain(message);
    }
    expect(evidence()).toEqual(before);
    expect(readFileSync(path.join(linked, 'dvc.yaml'), 'utf8')).toContain('edgelab export dvc');
    expect((await workspace.verify()).ok).toBe(true);
  });
});
