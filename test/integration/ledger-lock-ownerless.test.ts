import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

let tiny: string;

beforeAll(async () => {
  tiny = await modelPath('tiny-classifier');
});

async function leftoverWorkspace(lockContent: string): Promise<{ ws: string; lockPath: string }> {
  const ws = await mkdtemp(path.join(tmpdir(), 'edgelab-ownerless-'));
  // The workspace is created by a first command; the lock is left after it, as a kill would leave it.
  expect((await runCli(['runs', 'verify', '--workspace', ws])).code).toBe(0);
  const lockPath = path.join(ws, 'ledger.lock');
  await writeFile(lockPath, lockContent);
  return { ws, lockPath };
}

function bench(ws: string) {
  return runCli(['bench', tiny, '--iterations', '20', '--warmup', '1', '--no-telemetry', '--json', '--workspace', ws]);
}

// Linux's /proc tells whether a process holds the file open; the case below relies on it.
describe.runIf(process.platform === 'linux')('an ownerless ledger.lock left by a kill between create and write', () => {
  it('is taken over at once because no process holds it, and the run is recorded', async () => {
    const { ws, lockPath } = await leftoverWorkspace('');
    const result = await bench(ws);
    expect(result.code, result.stderr).toBe(0);
    // The lock's own account of why it went: not the 30 s age rule, not a wait.
    expect(result.stderr).toContain(`took over ${lockPath}: it had no owner written and no process holds it open`);
    expect(result.stderr).not.toContain('waiting for the workspace lock');
    expect(result.stderr).not.toContain('held for more than');
    const id = (JSON.parse(result.stdout) as { id: string }).id;
    const verify = await runCli(['runs', 'verify', '--workspace', ws]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(await readFile(path.join(ws, 'runs', `${id}.json`), 'utf8')).toContain(id);
    await expect(readFile(lockPath)).rejects.toThrow(/ENOENT/);
  });

  it('a half-written owner (cut off mid-JSON) counts as no owner', async () => {
    const { ws, lockPath } = await leftoverWorkspace('{"pid":12');
    const result = await bench(ws);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`took over ${lockPath}: it had no owner written`);
    expect(result.stderr).not.toContain('held for more than');
  });

  it('an older edgelab still between creating and writing it (file held open) gets the short grace, not 30 s', async () => {
    const { ws, lockPath } = await leftoverWorkspace('');
    // Stands in for an older edgelab that created the lock and has not written its owner yet.
    const holder = spawn(process.execPath, ['-e', `require('fs').openSync(${JSON.stringify(lockPath)}, 'r'); process.stdout.write('open'); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      const result = await bench(ws);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(new RegExp(`took over ${lockPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: it had no owner written for \\d+ s`));
      expect(result.stderr).not.toContain('no process holds it open');
      expect(result.stderr).not.toContain('held for more than');
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
