import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

it('an edgelab bench killed with SIGKILL mid-run leaves the workspace valid and earlier evidence intact', async () => {
  const ws = await mkdtemp(path.join(tmpdir(), 'edgelab-kill-'));
  const model = await modelPath('tiny-classifier');
  const before = await runCli(['bench', model, '--iterations', '20', '--warmup', '2', '--json', '--workspace', ws]);
  expect(before.code).toBe(0);
  const kept = JSON.parse(before.stdout).id as string;

  // A long run, killed while it measures: no chance to clean up.
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'edgelab.js'), 'bench', model, '--duration', '30s', '--workspace', ws], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(child.exitCode).toBeNull();
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));

  const verify = await runCli(['runs', 'verify', '--workspace', ws]);
  expect(verify.code, verify.stdout).toBe(0);
  expect(verify.stdout).toMatch(/^ok: 1 record, 1 ledger entry,/m);
  const runs = JSON.parse((await runCli(['runs', '--json', '--workspace', ws])).stdout);
  expect(runs.map((r: { id: string }) => r.id)).toEqual([kept]);
  // and the workspace still takes new evidence
  expect((await runCli(['bench', model, '--iterations', '5', '--warmup', '0', '--workspace', ws])).code).toBe(0);
  expect((await runCli(['runs', 'verify', '--workspace', ws])).code).toBe(0);
});
