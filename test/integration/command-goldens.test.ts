import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectGolden } from '../golden/golden.js';
import { repoRoot, runCli, type CliResult } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * Every command that reads the evidence, over one fixed workspace of recorded runs (the 0.1.0
 * fixture: measured, pipeline, profiled, imported trtexec and ORT runs, a failed run, attestations),
 * held byte for byte to test/golden/commands/. What a command prints is its interface: a move of
 * code between layers must leave it as it is. A change meant to alter output updates these files
 * (`UPDATE_GOLDEN=1`) in a commit of its own, so its diff shows exactly what changed.
 */
const fixture = fileURLToPath(new URL('../fixtures/workspace-v0.1.0/', import.meta.url));
const ids = (JSON.parse(readFileSync(path.join(fixture, 'manifest.json'), 'utf8')) as { ids: Record<string, string> }).ids as Record<
  'baseline' | 'oneThread' | 'pipeline' | 'profiled' | 'explanation' | 'importedTrtexec' | 'importedOrtProfile' | 'failed' | 'attestation',
  string
>;
const runIds = [ids.baseline, ids.oneThread, ids.pipeline, ids.profiled, ids.importedTrtexec, ids.importedOrtProfile, ids.failed];

interface GoldenCommand {
  golden: string;
  args: string[];
  code: number;
}

const commands: GoldenCommand[] = [
  { golden: 'runs.txt', args: ['runs'], code: 0 },
  { golden: 'runs.json', args: ['runs', '--json'], code: 0 },
  { golden: 'runs-state-failed.txt', args: ['runs', '--state', 'failed'], code: 0 },
  { golden: 'runs-limit.txt', args: ['runs', '--limit', '2'], code: 0 },
  ...runIds.map((id, i) => ({ golden: `runs-show-${i}.txt`, args: ['runs', 'show', id], code: 0 })),
  { golden: 'runs-show-profiled.json', args: ['runs', 'show', ids.profiled, '--json'], code: 0 },
  { golden: 'runs-verify.txt', args: ['runs', 'verify'], code: 0 },
  { golden: 'runs-verify.json', args: ['runs', 'verify', '--json'], code: 0 },
  { golden: 'report.md', args: ['report', ...runIds, '--format', 'md'], code: 0 },
  { golden: 'report.json', args: ['report', ...runIds, '--format', 'json'], code: 0 },
  { golden: 'report.csv', args: ['report', ...runIds, '--format', 'csv'], code: 0 },
  { golden: 'report.junit.xml', args: ['report', ...runIds, '--format', 'junit'], code: 0 },
  { golden: 'report-profiled.md', args: ['report', ids.profiled, '--format', 'md', '--title', 'Profiled run'], code: 0 },
  { golden: 'report-pipeline.md', args: ['report', ids.pipeline, '--format', 'md'], code: 0 },
  { golden: 'compare.txt', args: ['compare', ids.baseline, ids.oneThread], code: 0 },
  { golden: 'compare.json', args: ['compare', ids.baseline, ids.oneThread, '--json'], code: 0 },
  { golden: 'compare-three.txt', args: ['compare', ids.baseline, ids.oneThread, ids.profiled], code: 0 },
  { golden: 'compare-imported.txt', args: ['compare', ids.baseline, ids.importedTrtexec], code: 0 },
  { golden: 'ladder.txt', args: ['ladder'], code: 0 },
  { golden: 'ladder.json', args: ['ladder', '--json'], code: 0 },
  { golden: 'ladder-labs.txt', args: ['ladder', 'labs'], code: 0 },
  { golden: 'ladder-labs.json', args: ['ladder', 'labs', '--json'], code: 0 },
  { golden: 'adr-list.txt', args: ['adr', 'list'], code: 0 },
  { golden: 'runs-show-missing.txt', args: ['runs', 'show', 'nope'], code: 2 },
];

const testStarted = Date.now();

/**
 * Where the workspace sat, and when a report was made (any time stamp from this test's own run; the
 * records' times are the fixture's and stay): the goldens name neither.
 */
function normalise(text: string, workspace: string, model: string): string {
  return text
    .split(workspace).join('<workspace>')
    .split(path.dirname(model)).join('<models>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, (stamp) => (Date.parse(stamp) >= testStarted - 1000 ? '<generated-at>' : stamp));
}

const outputs = new Map<string, CliResult>();
let workspace = '';
let model = '';

beforeAll(async () => {
  workspace = path.join(mkdtempSync(path.join(tmpdir(), 'edgelab-goldens-')), 'workspace');
  cpSync(path.join(fixture, 'workspace'), workspace, { recursive: true });
  model = await modelPath('tiny-classifier');
  const stateDir = mkdtempSync(path.join(tmpdir(), 'edgelab-goldens-state-'));
  const all = [...commands, { golden: 'inspect.txt', args: ['inspect', model], code: 0 }, { golden: 'inspect.json', args: ['inspect', model, '--json'], code: 0 }];
  // One after another: the first command may build the run-list cache the others then read.
  for (const command of all) {
    const result = await runCli(command.args[0] === 'inspect' ? command.args : [...command.args, '--workspace', workspace], { env: { EDGELAB_STATE_DIR: stateDir, NO_COLOR: '1', TZ: 'UTC' } });
    outputs.set(command.golden, { ...result, stdout: normalise(result.stdout, workspace, model), stderr: normalise(result.stderr, workspace, model) });
  }
}, 240_000);

describe('every reading command prints what it printed before', () => {
  const all = [...commands.map((c) => [c.golden, c.code] as const), ['inspect.txt', 0] as const, ['inspect.json', 0] as const];
  it.each(all)('%s', (name, code) => {
    const result = outputs.get(name)!;
    expect(result.stderr, name).not.toMatch(/at .*\.js:\d+/);
    expect(result.code, `${name}: ${result.stderr}`).toBe(code);
    expectGolden(`commands/${name}`, code === 0 ? result.stdout : `${result.stdout}--- stderr ---\n${result.stderr}`);
  });
});

/**
 * The imports, each from real recorded files (their origins are in the fixtures' READMEs), into a
 * fresh workspace: the run id and the day of the import are the only things that differ per run.
 */
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const importCommands: GoldenCommand[] = [
  { golden: 'import-trtexec.txt', args: ['import', 'trtexec', path.join(fixtures, 'trtexec-runs/logs/hackathon-cookbook_h100pcie_trt10.16.1_onnx-default.log')], code: 0 },
  { golden: 'import-trtexec-failed.txt', args: ['import', 'trtexec', path.join(fixtures, 'trtexec-runs/logs/hackathon-cookbook_gtx1070_trt8.2.3_onnx-build_fp16_FAILED.log')], code: 3 },
  { golden: 'import-trtexec-times.txt', args: ['import', 'trtexec', '--times', path.join(fixtures, 'trtexec-runs/exportTimes/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json'), '--target', 'p99<=5ms', '--tag', 'golden'], code: 4 },
  { golden: 'import-ort-profile.txt', args: ['import', 'ort-profile', path.join(fixtures, 'ort-profile/cuda-mnist-completed.json')], code: 0 },
  { golden: 'import-openvino.txt', args: ['import', 'openvino', '--report', path.join(fixtures, 'openvino/ovrepo_8d4f2fa4_cpu_avx2_resnet50_detailed/benchmark_report.csv')], code: 0 },
  { golden: 'import-deepstream.txt', args: ['import', 'deepstream', path.join(fixtures, 'deepstream/jetson-min-disk/ds6.1.1_agx-orin_jp502_source2_demux_int8.excerpt.txt')], code: 0 },
];

describe('every import prints what it printed before', () => {
  const imported = new Map<string, CliResult>();
  let importWorkspace = '';
  const today = new Date().toISOString().slice(0, 10);
  const normaliseImport = (text: string) =>
    normalise(text, importWorkspace, model || fixtures)
      .split(repoRoot).join('<repo>')
      .replace(/\d{8}T\d{6}Z-[0-9a-f]{6}/g, '<run-id>')
      .split(today).join('<today>');
  beforeAll(async () => {
    importWorkspace = path.join(mkdtempSync(path.join(tmpdir(), 'edgelab-goldens-imports-')), 'workspace');
    const stateDir = mkdtempSync(path.join(tmpdir(), 'edgelab-goldens-imports-state-'));
    for (const command of importCommands) {
      const result = await runCli([...command.args, '--workspace', importWorkspace], { env: { EDGELAB_STATE_DIR: stateDir, NO_COLOR: '1', TZ: 'UTC' } });
      imported.set(command.golden, { ...result, stdout: normaliseImport(result.stdout), stderr: normaliseImport(result.stderr) });
    }
  }, 240_000);
  it.each(importCommands.map((c) => [c.golden, c.code] as const))('%s', (name, code) => {
    const result = imported.get(name)!;
    expect(result.stderr, name).not.toMatch(/at .*\.js:\d+/);
    expect(result.code, `${name}: ${result.stderr}`).toBe(code);
    expectGolden(`commands/${name}`, `${result.stdout}--- stderr ---\n${result.stderr}`);
  });
});
