import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, statSync, truncateSync, writeSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

// A real ENOSPC: a 256 KiB tmpfs, filled to the last byte. Mounting needs root (CAP_SYS_ADMIN); where
// the tests do not run as root the file is skipped, with the reason in its title.
const mountPoint = mkdtempSync(path.join(os.tmpdir(), 'edgelab-full-ws-'));
let notMounted = '';
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint], { stdio: 'pipe' });
} catch (e) {
  notMounted = `cannot mount a small tmpfs here (needs root): ${(e as Error).message.split('\n')[0]}`;
}
afterAll(() => {
  if (!notMounted) execFileSync('umount', [mountPoint]);
});

/** Fills the file system to the last byte: the next write of any size fails with ENOSPC. */
function fillDisk(dir: string): void {
  const fd = openSync(path.join(dir, 'filler'), 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
    for (let size = 2048; size >= 1; size /= 2) {
      try {
        for (;;) writeSync(fd, chunk, 0, size);
      } catch {
        // this size no longer fits; try a smaller one
      }
    }
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(notMounted !== '')(`a workspace on a full disk${notMounted ? ` (skipped: ${notMounted})` : ''}`, () => {
  it('says to free disk space, naming the folder, not to fix permissions', async () => {
    const ws = path.join(mountPoint, 'ws');
    await mkdir(ws);
    fillDisk(mountPoint);
    const r = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '2', '--warmup', '0', '--no-telemetry', '--workspace', ws]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`Cannot write to the evidence workspace ${ws}`);
    expect(r.stderr).toContain(`The file system that holds ${ws} is full: free disk space there`);
    expect(r.stderr).not.toMatch(/permissions/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    await rm(path.join(mountPoint, 'filler'));
  });

  it('a record that no longer fits once the run is measured: the same hint, naming runs/', async () => {
    const ws = path.join(mountPoint, 'ws2');
    await mkdir(ws);
    fillDisk(mountPoint);
    // One page left: enough for the workspace's write probe, not for a run record.
    const filler = path.join(mountPoint, 'filler');
    truncateSync(filler, statSync(filler).size - 4096);
    const r = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '2', '--warmup', '0', '--no-telemetry', '--workspace', ws]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`The file system that holds ${path.join(ws, 'runs')} is full: free disk space there`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((await readdir(path.join(ws, 'runs'))).filter((f) => f.endsWith('.json'))).toEqual([]);
    await rm(filler);
  });
});
