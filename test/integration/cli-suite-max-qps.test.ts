import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

// A suite gates as `bench` does: a max-QPS search that found no rate holding its bound fails the
// gate (exit 1) with the advice, even when the suite names no target for the bound itself.
it('a suite entry whose max-QPS search finds no rate is a failed target, with the reason', async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-suite-maxqps-'));
  const suite = path.join(dir, 'gate.yaml');
  await writeFile(suite, `name: qps-gate
runs:
  - model: ${JSON.stringify(await modelPath('tiny-classifier'))}
    label: tiny at a bound no rate can meet
    telemetry: false
    scenario:
      kind: server
      warmup: { iterations: 5 }
      iterations: 40
      findMaxQps: { bound: "p99<=0.001ms", trialDurationS: 0.1, maxTrials: 3 }
`);
  const result = await runCli(['run', suite, '--workspace', path.join(dir, 'ws')]);
  expect(result.code, result.stderr + result.stdout).toBe(1);
  expect(result.stderr).toMatch(/\[1\/1\] tiny at a bound no rate can meet: fail — No rate met p99<=0\.001ms/);
});
