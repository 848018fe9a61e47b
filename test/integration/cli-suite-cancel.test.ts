import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

// Ctrl-C during a suite, which runs through the lab's queue: the entry measuring is recorded as
// cancelled with what it measured, the entries after it are not run, and the suite exits 130. The
// interrupt comes as the second entry starts, where a cancel once went unheard while its runner was
// being set up.
it('Ctrl-C cancels the entry measuring, runs no further entry, and exits 130', async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-suite-cancel-'));
  const tiny = JSON.stringify(await modelPath('tiny-classifier'));
  const suite = path.join(dir, 'gate.yaml');
  await writeFile(suite, [
    'name: cancel-gate',
    'runs:',
    `  - model: ${tiny}`,
    '    label: quick',
    '    scenario: { kind: single-stream, iterations: 5, warmup: { iterations: 1 } }',
    '    telemetry: false',
    `  - model: ${tiny}`,
    '    label: long',
    '    scenario: { kind: single-stream, durationS: 600, iterations: 10000000, warmup: { iterations: 1 } }',
    '    telemetry: false',
    `  - model: ${tiny}`,
    '    label: never',
    '    scenario: { kind: single-stream, iterations: 5 }',
    '    telemetry: false',
    '',
  ].join('\n'));
  const workspace = path.join(dir, 'ws');
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'edgelab.js'), 'run', suite, '--workspace', workspace], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const firstEnded = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('[1/3] quick:')) resolve();
    });
  });
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // The interrupt comes as the second entry starts (before or after its first event: both are handled).
  await Promise.race([firstEnded, exited.then((code) => Promise.reject(new Error(`edgelab run exited with ${code} before its first entry ended: ${stderr}`)))]);
  child.kill('SIGINT');
  expect(await exited, stderr).toBe(130);
  expect(stderr).toContain('[1/3] quick: none');
  expect(stderr).toMatch(/\[2\/3\] long: cancelled/);
  expect(stderr).not.toContain('[3/3]');
  const runs = JSON.parse((await runCli(['runs', '--json', '--workspace', workspace])).stdout) as { label: string; state: string }[];
  expect(runs.map((r) => [r.label, r.state]).sort()).toEqual([['long', 'cancelled'], ['quick', 'completed']]);
}, 120_000);
