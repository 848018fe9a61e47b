import { statSync, truncateSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fillDisk, smallTmpfs } from '../helpers/full-disk.js';
import { modelPath } from '../helpers/models.js';

// A real ENOSPC on a 256 KiB tmpfs filled to the last byte (test/helpers/full-disk.ts); skipped,
// with the reason in its title, where the tests cannot mount it (not root).
const { mountPoint, notMounted } = smallTmpfs('256k', 'edgelab-full-ws-');

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
