import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-report-out-'));
  const bench = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '8', '--warmup', '1', '--no-telemetry', '--target', 'p50<=10s']);
  expect(bench.code, bench.stderr).toBe(0);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('report --out x.junit writes JUnit XML', async () => {
  const out = path.join(dir, 'gate.junit');
  const result = await runCli(['report', 'latest', '--out', out]);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toContain('Wrote junit report of 1 run to');
  const xml = await readFile(out, 'utf8');
  expect(xml.startsWith('<?xml')).toBe(true);
  expect(xml).toContain('<testsuites');
});

it('report --out with an extension that is no report format is refused, naming it, and writes nothing', async () => {
  const out = path.join(dir, 'report.txt');
  const result = await runCli(['report', 'latest', '--out', out]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`--out ${out}: '.txt' is not a report format edgelab writes.`);
  expect(result.stderr).toContain('--format');
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(out)).toBe(false);
  // --format says what the extension cannot.
  const named = await runCli(['report', 'latest', '--out', out, '--format', 'md']);
  expect(named.code, named.stderr).toBe(0);
  expect(await readFile(out, 'utf8')).toMatch(/^# /);
});

it('run --help lists every flag run takes', async () => {
  const help = await runCli(['run', '--help']);
  for (const flag of ['--junit', '--report', '--json', '--check', '--help', '--workspace']) expect(help.stdout).toContain(flag);
});
