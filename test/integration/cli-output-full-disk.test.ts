import { copyFile, mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fillDisk, smallTmpfs } from '../helpers/full-disk.js';
import { modelPath } from '../helpers/models.js';

// A real ENOSPC on a 512 KiB tmpfs filled to the last byte (test/helpers/full-disk.ts); skipped,
// with the reason in its title, where the tests cannot mount it (not root).
const { mountPoint, notMounted } = smallTmpfs('512k', 'edgelab-full-disk-');

describe.skipIf(notMounted !== '')(`a full disk leaves the old output whole and no partial new one${notMounted ? ` (skipped: ${notMounted})` : ''}`, () => {
  it('report --out over an existing report, a new --out, and bench --out on a full disk: exit 2, old bytes intact, no stray file', async () => {
    const ws = await mkdtemp(path.join(os.tmpdir(), 'edgelab-full-disk-ws-'));
    const env = { EDGELAB_WORKSPACE: ws };
    const model = path.join(ws, '..', `${path.basename(ws)}.onnx`);
    await copyFile(await modelPath('tiny-classifier'), model);
    expect((await runCli(['bench', model, '--iterations', '5', '--warmup', '1', '--no-telemetry'], { env })).code).toBe(0);

    const report = path.join(mountPoint, 'report.md');
    const first = await runCli(['report', 'latest', '--out', report], { env });
    expect(first.code, first.stderr).toBe(0);
    const old = await readFile(report);
    expect(old.length).toBeGreaterThan(500);
    fillDisk(mountPoint);

    const html = await runCli(['report', 'latest', '--format', 'html', '--out', report], { env });
    expect(html.code).toBe(2);
    expect(html.stderr).toContain(`--out ${report}: could not write it: ENOSPC`);
    expect(html.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(report)).toEqual(old);

    const fresh = await runCli(['report', 'latest', '--out', path.join(mountPoint, 'new.md')], { env });
    expect(fresh.code).toBe(2);
    expect(fresh.stderr).toContain('ENOSPC');

    const bench = await runCli(['bench', model, '--iterations', '3', '--warmup', '1', '--no-telemetry', '--out', path.join(mountPoint, 'record.json')], { env });
    expect(bench.code).toBe(2);
    expect(bench.stderr).toMatch(/could not write it: ENOSPC.*The run itself is recorded as \S+\./);

    expect((await readdir(mountPoint)).sort()).toEqual(['filler', 'report.md']);
    expect((await runCli(['runs', 'verify'], { env })).code).toBe(0);
  });
});
