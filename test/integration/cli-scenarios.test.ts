import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

it('bench takes the scenario flags: throughput with concurrency and trials, telemetry on by default', async () => {
  const ws = await mkdtemp(path.join(tmpdir(), 'edgelab-scenario-'));
  const r = await runCli(['bench', await modelPath('tiny-classifier'), '--scenario', 'throughput', '--concurrency', '3', '--trials', '2',
    '--iterations', '60', '--warmup', '2', '--target', 'fps>=10', '--json', '--workspace', ws]);
  expect(r.code, r.stderr).toBe(0);
  const record = JSON.parse(r.stdout);
  expect(record.spec.scenario).toMatchObject({ kind: 'throughput', concurrency: 3, trials: 2 });
  expect(record.extras.throughput).toEqual({ concurrency: 3, sessions: 1 });
  expect(record.extras.trials.count).toBe(2);
  expect(record.spec.telemetry).toBe(true);
  expect(record.extras.telemetry.sampleCount).toBeGreaterThanOrEqual(0);
  expect(record.verdicts[0].method).toMatch(/throughput load/);
});

it('scenario flags that do not fit the scenario are refused', async () => {
  const tiny = await modelPath('tiny-classifier');
  const r = await runCli(['bench', tiny, '--concurrency', '3']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/--concurrency applies to --scenario throughput/);
  expect((await runCli(['bench', tiny, '--scenario', 'server'])).stderr).toMatch(/needs --qps Q or --find-max-qps/);
});

it('sweep records one linked run per point and names the best configuration', async () => {
  const ws = await mkdtemp(path.join(tmpdir(), 'edgelab-sweep-cli-'));
  const r = await runCli(['sweep', await modelPath('mobilenet-style'), '--batch', '1,2', '--threads', '1', '--iterations', '10', '--warmup', '1', '--workspace', ws]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/Best: /);
  const runs = JSON.parse((await runCli(['runs', '--json', '--workspace', ws])).stdout);
  expect(runs).toHaveLength(2);
  expect(new Set(runs.map((x: { tags: string[] }) => x.tags.find((t) => t.startsWith('sweep:')))).size).toBe(1);
});
