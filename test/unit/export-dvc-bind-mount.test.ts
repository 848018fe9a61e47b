import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../core/evidence/index.js';
import { exportToDvc } from '../../core/export/team-export.js';
import { fileHashes } from '../helpers/file-hashes.js';
import { completedRun } from './evidence-records.js';

// A bind mount shows the workspace's runs/ under another real path: only device and inode tell.
// Mounting needs root (CAP_SYS_ADMIN); elsewhere the test is skipped, with the reason in its title.
const repo = mkdtempSync(path.join(tmpdir(), 'edgelab-dvc-bind-'));
const workspace = await Workspace.open(path.join(repo, 'evidence'));
await workspace.saveRun(completedRun({ modelFile: 'a.onnx', sampleCount: 8 }));
const metrics = path.join(repo, 'perf', 'metrics');
mkdirSync(metrics, { recursive: true });
let notMounted = '';
try {
  execFileSync('mount', ['--bind', workspace.layout.runsDir, metrics], { stdio: 'pipe' });
} catch (e) {
  notMounted = `cannot bind-mount here (needs root): ${(e as Error).message.split('\n')[0]}`;
}
afterAll(() => {
  if (!notMounted) execFileSync('umount', [metrics]);
});

describe.skipIf(notMounted !== '')(`export dvc knows the workspace by device and inode${notMounted ? ` (skipped: ${notMounted})` : ''}`, () => {
  it('refuses perf/metrics when it is the workspace\'s runs/ bind-mounted, and writes nothing', async () => {
    const before = fileHashes(workspace.dir);
    await expect(exportToDvc(workspace, { dir: path.join(repo, 'perf'), ids: [] })).rejects.toMatchObject({
      kind: 'usage',
      message: expect.stringContaining(`${metrics} is part of the evidence workspace ${workspace.dir} (the same folder as runs there, through a hard link or a mount)`),
    });
    const after = fileHashes(workspace.dir);
    for (const [file, hash] of Object.entries(before)) if (!file.startsWith('.cache')) expect(after[file], file).toBe(hash);
    expect(readdirSync(path.join(repo, 'perf')).sort()).toEqual(['metrics']);
  });
});
