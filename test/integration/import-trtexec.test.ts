import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompletedRun, FailedRun } from '../../core/api/run-record.js';
import { parseExportProfile } from '../../core/engines/trtexec/layer-profile.js';
import { quantileSorted, sortedAscending } from '../../core/stats/index.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * `edgelab import trtexec` on files real trtexec runs wrote on machines that are not here (an RTX
 * 3060 Laptop GPU's alexnet FP16 exports, an RTX 3090's ResNet-50 times, a GTX 1070's failed build;
 * origins in test/fixtures/trtexec-runs/README.md), through the real CLI.
 */
const fixtures = fileURLToPath(new URL('../fixtures/trtexec-runs/', import.meta.url));
const f = (p: string) => path.join(fixtures, p);
const times = f('exportTimes/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json');
const profile = f('exportProfile/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.profile.json');
const layerInfo = f('layerInfo/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.layerinfo.json');
const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-import-ws-'));
let imported: CompletedRun;

beforeAll(async () => {
  const result = await runCli(['import', 'trtexec', '--times', times, '--profile', profile, '--layer-info', layerInfo, '--label', 'alexnet fp16 (RTX 3060 Laptop)', '--json', '--workspace', workspace]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  imported = JSON.parse(result.stdout) as CompletedRun;
});

describe('an imported trtexec run', () => {
  it('has p50 = the median of the imported latencies and the exportProfile file\'s top layer', () => {
    const latencies = (JSON.parse(readFileSync(times, 'utf8')) as { latencyMs: number }[]).map((t) => t.latencyMs);
    expect(imported.latencyMs.p50).toBe(quantileSorted(sortedAscending(latencies), 0.5));
    const top = [...parseExportProfile(readFileSync(profile, 'utf8'), 'p').layers].sort((a, b) => b.timeMs - a.timeMs)[0]!;
    expect((imported.extras['profile'] as { topNodes: { name: string; precision: string }[] }).topNodes[0]).toMatchObject({ name: top.name, precision: 'FP16' });
  });

  it('is marked imported, with its files copied and hashed, never this machine\'s hardware', () => {
    expect(imported.origin).toMatchObject({ kind: 'imported', tool: 'trtexec', statedHardware: null });
    expect(imported.origin?.files.map((x) => [x.role, x.name])).toEqual([
      ['times', path.basename(times)], ['profile', path.basename(profile)], ['layer-info', path.basename(layerInfo)],
    ]);
    expect(readFileSync(path.join(workspace, 'runs', imported.id, path.basename(times)))).toEqual(readFileSync(times));
    expect(imported.hardware).toEqual({ label: 'not stated by the imported files', stated: true });
  });

  it('is marked apart in the run list, show and every report format', async () => {
    expect((await runCli(['runs', '--workspace', workspace])).stdout).toContain('[imported]');
    expect((await runCli(['runs', 'show', imported.id, '--workspace', workspace])).stdout).toMatch(/^alexnet fp16 \(RTX 3060 Laptop\) \[imported from trtexec\] — completed/);
    const report = async (format: string) => (await runCli(['report', imported.id, '--format', format, '--workspace', workspace])).stdout;
    expect(await report('md')).toContain('Imported evidence');
    expect(await report('html')).toContain('[imported from trtexec]');
    expect(await report('json')).toContain('"kind": "imported"');
    expect(await report('csv')).toMatch(/^run_id,iteration,latency_ms,evidence,ledger_head\n.*,1,0\.497559,imported,[0-9a-f]{64}\n/);
    expect(await report('junit')).toContain('<property name="evidence" value="imported from trtexec: not measured by edgelab"/>');
  });

  it('compares with a measured run, saying which one edgelab did not measure', async () => {
    const model = await modelPath('tiny-classifier');
    const measured = JSON.parse((await runCli(['bench', model, '--iterations', '30', '--warmup', '2', '--no-telemetry', '--json', '--workspace', workspace])).stdout) as CompletedRun;
    const compared = await runCli(['compare', measured.id, imported.id, '--workspace', workspace]);
    expect(compared.code).toBe(0);
    expect(compared.stdout).toContain(`imported-evidence: Run ${imported.id} was imported from trtexec's files: edgelab did not measure it.`);
    expect(compared.stdout).toContain('[imported from trtexec]');
  });

  it('never checks a measured ladder item, and says why', async () => {
    // Explaining an imported profile is refused: the note would be evidence that never counts.
    const explained = await runCli(['ladder', 'explain', imported.id, '--note', 'The classifier Gemms dominate.', '--workspace', workspace]);
    expect(explained.code).toBe(2);
    expect(explained.stderr).toContain(`Run ${imported.id} was imported from trtexec's files: an explanation of it would never check the ladder's measured item.`);
    expect(explained.stderr).not.toMatch(/\n\s+at /);
    const status = JSON.parse((await runCli(['ladder', '--json', '--workspace', workspace])).stdout) as { gates: { items: { item: { id: string }; met: boolean; missing?: string | null }[] }[] };
    const item = status.gates.flatMap((g) => g.items).find((i) => i.item.id === 'profile-explained');
    expect(item?.met).toBe(false);
  });

  it('holds the imported files to their hashes in runs verify', async () => {
    expect((await runCli(['runs', 'verify', '--workspace', workspace])).code).toBe(0);
    const scratch = mkdtempSync(path.join(tmpdir(), 'edgelab-import-verify-'));
    const run = JSON.parse((await runCli(['import', 'trtexec', '--times', f('exportTimes/nvidia-trex_rtx3090_resnet50-tf_fp32_bs32.times.json'), '--json', '--workspace', scratch])).stdout) as CompletedRun;
    expect(run.iterations).toBe(263);
    writeFileSync(path.join(scratch, 'runs', run.id, 'nvidia-trex_rtx3090_resnet50-tf_fp32_bs32.times.json'), '[]');
    const verify = await runCli(['runs', 'verify', '--workspace', scratch]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`edited: runs/${run.id}/nvidia-trex_rtx3090_resnet50-tf_fp32_bs32.times.json`);
  });
});

describe('a log and times from different runs', () => {
  it('are imported with a warning naming each contradiction', async () => {
    // The H100 log wrote ./model-trained-exportTimes.json with copies on; the RTX 3090 times made no copies.
    const result = await runCli(['import', 'trtexec', f('logs/hackathon-cookbook_h100pcie_trt10.16.1_loadEngine_dumpProfile_exportTimes.log'), '--times', f('exportTimes/nvidia-trex_rtx3090_resnet50-tf_fp32_bs32.times.json'), '--json', '--workspace', workspace]);
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout) as CompletedRun;
    expect(run.origin?.statedHardware).toBe('NVIDIA H100 PCIe (compute capability 9.0)');
    expect(run.warnings.find((w) => w.code === 'imported-files-disagree')?.message).toBe(
      "The imported files may not be one run: the log's run wrote its --exportTimes to model-trained-exportTimes.json, not nvidia-trex_rtx3090_resnet50-tf_fp32_bs32.times.json; the log says data transfers were on, but no iteration in the times spent anything on copies.",
    );
  });
});

describe('importing what cannot be a completed run', () => {
  it('a log that ends in &&&& FAILED is a failed imported run, the device as the log states it', async () => {
    const result = await runCli(['import', 'trtexec', f('logs/hackathon-cookbook_gtx1070_trt8.2.3_onnx-build_fp16_FAILED.log'), '--json', '--workspace', workspace]);
    expect(result.code).toBe(3);
    const failed = JSON.parse(result.stdout) as FailedRun;
    expect(failed).toMatchObject({ state: 'failed', origin: { kind: 'imported', statedHardware: 'NVIDIA GeForce GTX 1070 (compute capability 6.1)' }, spec: { model: 'model.onnx', engine: { precision: 'fp16' } } });
    expect(failed.error.message).toContain('> Finish parsing network model');
  });

  it('--hardware keeps the user\'s name for the machine beside the device the log names', async () => {
    const result = await runCli(['import', 'trtexec', f('logs/hackathon-cookbook_gtx1070_trt8.2.3_onnx-build_fp16_FAILED.log'), '--hardware', 'a GTX 1070 desktop, driver 511', '--json', '--workspace', workspace]);
    const failed = JSON.parse(result.stdout) as FailedRun;
    expect(failed.origin?.statedHardware).toBe('a GTX 1070 desktop, driver 511; the log names NVIDIA GeForce GTX 1070 (compute capability 6.1)');
  });

  it('bad input: exit 2 with a message naming the file or flag', async () => {
    for (const [args, message] of [
      [[], 'edgelab import trtexec: no files given.'],
      [['/no/such.log'], 'LOG /no/such.log: no such file.'],
      [['--times', profile], `--times ${profile}: iteration 0 has no numeric latencyMs`],
      [['--times', times, '--profile', times], `--profile ${times} is not a trtexec --exportProfile file`],
      // Passed, but --dumpProfile with --exportTimes prints no performance summary: nothing to record alone.
      [[f('logs/hackathon-cookbook_h100pcie_trt10.16.1_loadEngine_dumpProfile_exportTimes.log')], 'has no performance summary'],
      [[f('README.md'), '--times', times], 'is not a trtexec console log'],
      [['--times', times, '--target', 'p99<=fast'], 'p99<=fast'],
    ] as const) {
      const result = await runCli(['import', 'trtexec', ...args, '--workspace', workspace]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    const none = await runCli(['import']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('edgelab import: no tool named.');
    const unknown = await runCli(['import', 'tensorboard', '--workspace', workspace]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("edgelab import: unknown tool 'tensorboard'.");
  });
});
