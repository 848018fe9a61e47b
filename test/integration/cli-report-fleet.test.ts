import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FleetReport } from '../../core/api/fleet-report.js';
import { mannWhitneyU } from '../../core/stats/mann-whitney.js';
import { newStateDir, runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * `edgelab report --fleet` over real runs: the generated tiny classifier benchmarked for real, as two
 * units of this machine's kind (EDGELAB_UNIT_ID names each, as a CI job on a device does) plus a
 * labelled third unit, into one workspace. Which unit is faster depends on the machine's load, so the
 * test checks every figure against the records instead of expecting a flag.
 */
const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-fleet-'));
const stateDir = newStateDir();
const env = (unit: Record<string, string> = {}) => ({ EDGELAB_WORKSPACE: workspace, EDGELAB_STATE_DIR: stateDir, ...unit });

beforeAll(async () => {
  const model = await modelPath('tiny-classifier');
  for (const [id, label] of [['orin-a', ''], ['orin-b', ''], ['orin-c', 'bench-left']] as const) {
    const run = await runCli(['bench', model, '--iterations', '40', '--warmup', '5', '--target', 'p50<10s'], { env: env({ EDGELAB_UNIT_ID: id, EDGELAB_UNIT_LABEL: label }) });
    expect(run.code, run.stderr).toBe(0);
  }
}, 120_000);

async function fleetJson(...args: string[]): Promise<FleetReport> {
  const result = await runCli(['report', '--fleet', '--format', 'json', ...args], { env: env() });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as FleetReport;
}

describe('edgelab report --fleet', () => {
  it('puts each unit in its own cell, with the figures and the unit each record holds', async () => {
    const fleet = await fleetJson();
    expect(fleet.cells.map((c) => c.unit.name).sort()).toEqual(['bench-left', 'orin-a', 'orin-b']);
    expect(new Set(fleet.cells.map((c) => c.kindKey)).size).toBe(1);
    for (const cell of fleet.cells) {
      const record = JSON.parse((await runCli(['runs', 'show', cell.runId, '--json'], { env: env() })).stdout);
      expect(record.hardware.unit.id).toBe(cell.unit.id);
      expect(cell).toMatchObject({ p50Ms: record.latencyMs.p50, p99Ms: record.latencyMs.p99, throughputPerS: record.throughputPerS, samples: 40, verdict: 'pass', provenance: { kind: 'measured' }, powerMode: 'not stated', joulesPerInference: null });
    }
    const [group] = fleet.groups;
    expect(group?.units).toBe(3);
    const p50s = fleet.cells.map((c) => c.p50Ms!);
    expect(group?.p50Spread).toBeCloseTo((Math.max(...p50s) - Math.min(...p50s)) / Math.min(...p50s), 12);
  }, 60_000);

  it('tests each unit against its siblings pooled, as an independent Mann–Whitney over the records gives', async () => {
    const fleet = await fleetJson();
    const samples = new Map<string, number[]>();
    for (const cell of fleet.cells) samples.set(cell.unit.name, JSON.parse((await runCli(['runs', 'show', cell.runId, '--json'], { env: env() })).stdout).samplesMs);
    for (const cell of fleet.cells) {
      const siblings = [...samples].filter(([name]) => name !== cell.unit.name).flatMap(([, s]) => s);
      const expected = mannWhitneyU(samples.get(cell.unit.name)!, siblings, 'greater');
      expect(cell.siblings).toMatchObject({ units: 3, statistic: expected.statistic, threshold: 0.01 / 3, slower: expected.pValue < 0.01 / 3 });
      expect(cell.siblings!.pValue).toBeCloseTo(expected.pValue, 12);
    }
  }, 60_000);

  it('writes Markdown, HTML and CSV by --out extension, and narrows by --unit', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'edgelab-fleet-out-'));
    for (const [name, check] of [['fleet.md', /\| bench-left \(orin-c\) \| tiny-classifier\.onnx \| ONNX Runtime \(cpu\) \|/], ['fleet.html', /<h2>Unit-to-unit spread|<strong>Unit-to-unit spread|Unit-to-unit spread/], ['fleet.csv', /^hardware_kind,unit,/]] as const) {
      const result = await runCli(['report', '--fleet', '--out', path.join(out, name)], { env: env() });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/Wrote .* fleet report \(3 cells from 3 runs\)/);
      expect(readFileSync(path.join(out, name), 'utf8')).toMatch(check);
    }
    const one = await fleetJson('--unit', 'bench-left');
    expect(one.cells.map((c) => c.unit.id)).toEqual(['orin-c']);
    expect(one.cells[0]!.siblings).toBeNull();
  }, 60_000);

  it('leaves out a record edited after it was saved, naming it and why, and shows the rest', async () => {
    const before = await fleetJson();
    const victim = before.cells.find((c) => c.unit.id === 'orin-b')!.runId;
    const file = path.join(workspace, 'runs', `${victim}.json`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"orin-b"', '"orin-z"'));
    const after = await fleetJson();
    expect(after.cells.map((c) => c.unit.id).sort()).toEqual(['orin-a', 'orin-c']);
    expect(after.leftOut).toEqual([{ id: victim, reason: expect.stringMatching(/^not verified: /) as unknown as string }]);
    const md = (await runCli(['report', '--fleet'], { env: env() })).stdout;
    expect(md).toContain('## Runs left out');
    expect(md).toContain(`- ${victim}: not verified: `);
  }, 60_000);

  it('refuses what the fleet report cannot be, naming the flag', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['report', '--fleet', '--format', 'junit'], /--format junit: the fleet report is written as md, html, csv, json/],
      [['report', '--fleet', 'latest'], /takes no run ids/],
      [['report', 'latest', '--unit', 'x'], /--unit narrows the fleet report only/],
      [['report', '--fleet', '--out', path.join(tmpdir(), 'fleet.pdf')], /'\.pdf' is not a report format/],
      // A typo in a filter is refused, naming what there is, rather than answered with an empty report.
      [['report', '--fleet', '--unit', 'orin-q'], /--unit orin-q names no unit of this workspace's runs\.\n.*The units there: .*bench-left \(orin-c\)/],
      [['report', '--fleet', '--model', 'no-such-model.onnx'], /--model no-such-model\.onnx matches no run in this workspace/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, { env: env() });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);
});

/**
 * A unit's runs brought in by a real bundle (`runs bundle` on one workspace, `runs merge` into
 * another, each with its own machine state): every face names them merged, unsigned, and the fleet
 * report keeps them apart from the runs measured here.
 */
describe('runs merged from another unit', () => {
  const device = mkdtempSync(path.join(tmpdir(), 'edgelab-fleet-device-'));
  const deviceState = newStateDir();
  const hub = mkdtempSync(path.join(tmpdir(), 'edgelab-fleet-hub-'));
  const hubState = newStateDir();
  const bundle = path.join(mkdtempSync(path.join(tmpdir(), 'edgelab-fleet-bundle-')), 'orin-x.bundle');
  const onDevice = { EDGELAB_WORKSPACE: device, EDGELAB_STATE_DIR: deviceState };
  const onHub = { EDGELAB_WORKSPACE: hub, EDGELAB_STATE_DIR: hubState };
  let mergedId = '';
  let hubId = '';

  beforeAll(async () => {
    const model = await modelPath('tiny-classifier');
    const there = await runCli(['bench', model, '--iterations', '30', '--json'], { env: { ...onDevice, EDGELAB_UNIT_ID: 'orin-x', EDGELAB_UNIT_LABEL: 'far-bench' } });
    expect(there.code, there.stderr).toBe(0);
    mergedId = JSON.parse(there.stdout).id;
    const here = await runCli(['bench', model, '--iterations', '30', '--json'], { env: { ...onHub, EDGELAB_UNIT_ID: 'orin-y' } });
    expect(here.code, here.stderr).toBe(0);
    hubId = JSON.parse(here.stdout).id;
    const written = await runCli(['runs', 'bundle', '--all', '--out', bundle], { env: onDevice });
    expect(written.code, written.stderr).toBe(0);
    const merged = await runCli(['runs', 'merge', bundle], { env: onHub });
    expect(merged.code, merged.stderr).toBe(0);
  }, 120_000);

  it('shows the merged unit apart in the fleet report, with the bundle it came in', async () => {
    const result = await runCli(['report', '--fleet', '--format', 'json'], { env: onHub });
    const fleet = JSON.parse(result.stdout) as FleetReport;
    const far = fleet.cells.find((c) => c.unit.id === 'orin-x')!;
    expect(far).toMatchObject({ runId: mergedId, unit: { label: 'far-bench' }, provenance: { kind: 'merged', bundle: { name: 'orin-x.bundle', signedBy: null, trusted: false } } });
    expect(fleet.cells.find((c) => c.unit.id === 'orin-y')).toMatchObject({ runId: hubId, provenance: { kind: 'measured' } });
    const md = (await runCli(['report', '--fleet'], { env: onHub })).stdout;
    expect(md).toMatch(/\| far-bench \(orin-x\) \|.*\| merged, unsigned \|/);
  }, 60_000);

  it('names the unit and the merge in runs, runs show, a run report and compare', async () => {
    const list = (await runCli(['runs'], { env: onHub })).stdout;
    expect(list).toMatch(new RegExp(`${mergedId}\\s+tiny-classifier\\.onnx \\[merged, unsigned\\].*far-bench \\(orin-x\\)`));
    expect(list).toMatch(new RegExp(`${hubId}\\s+tiny-classifier\\.onnx\\s.*orin-y`));
    const shown = (await runCli(['runs', 'show', mergedId], { env: onHub })).stdout;
    expect(shown).toMatch(/^ {2}unit {6}far-bench \(orin-x\)\n {2}evidence {2}merged, unsigned \(bundle orin-x\.bundle, head [0-9a-f]{12}\)$/m);
    expect((await runCli(['runs', 'show', hubId], { env: onHub })).stdout).not.toContain('  evidence  ');
    const report = (await runCli(['report', mergedId, hubId], { env: onHub })).stdout;
    expect(report).toMatch(/\| Unit \| far-bench \(orin-x\) \|\n\| Evidence \| merged, unsigned \(bundle orin-x\.bundle, head [0-9a-f]{12}\) \|/);
    // The run measured here gets no Evidence row: its report reads as before.
    expect(report.split(`Run \`${hubId}\``)[1]).not.toContain('| Evidence |');
    const compare = (await runCli(['compare', mergedId, hubId], { env: onHub })).stdout;
    expect(compare.split('\n')[0]).toMatch(/^A {2}tiny-classifier\.onnx · unit far-bench \(orin-x\) · merged, unsigned {2}/);
    expect(compare.split('\n')[1]).toMatch(/^B {2}tiny-classifier\.onnx · unit orin-y {2}/);
  }, 60_000);
});
