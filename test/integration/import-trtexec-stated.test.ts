import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CompletedRun } from '../../core/api/run-record.js';
import { quantileSorted, sortedAscending } from '../../core/stats/index.js';
import { runCli } from '../helpers/cli.js';

/**
 * An import says only what its files say. The files are real trtexec output from machines that are
 * not here (RTX 3060 Laptop times, an H100 PCIe TensorRT 10.16 log, an RTX 3090 TensorRT 8.6 log,
 * the RTX 3090's ResNet-50 times; origins in test/fixtures/trtexec-runs/README.md); TensorRT cannot
 * run here. Each expected figure is read from those files by this test, not from edgelab.
 */
const fixtures = fileURLToPath(new URL('../fixtures/trtexec-runs/', import.meta.url));
const f = (p: string) => path.join(fixtures, p);
const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-import-stated-'));
const importRun = async (args: string[]) => {
  const result = await runCli(['import', 'trtexec', ...args, '--json', '--workspace', workspace]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as CompletedRun;
};
const show = async (id: string) => (await runCli(['runs', 'show', id, '--workspace', workspace])).stdout;
const report = async (id: string) => (await runCli(['report', id, '--format', 'md', '--workspace', workspace])).stdout;

describe('times alone (no log)', () => {
  it('states no precision, cold start or warm-up, and no ONNX Runtime session, input seed or this machine\'s software', async () => {
    const run = await importRun(['--times', f('exportTimes/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json')]);
    expect(run.spec.engine).toEqual({ kind: 'trtexec' });
    expect(run.software).toMatchObject({ onnxruntime: 'not used (the trtexec engine ran the model)', node: 'not stated by the imported files', platform: 'not stated by the imported files' });
    expect((run.extras['trtexec'] as { precision: string | null; warmUpMs: number | null }).precision).toBeNull();
    const text = await show(run.id);
    expect(text).toContain('cold start  not stated by the imported files');
    expect(text).toContain('warm-up     not stated by the imported files');
    expect(text).toContain('engine      TensorRT (version not stated) trtexec, precision not stated, GPU, CUDA graph not stated');
    expect(text).toContain("inputs      shapes not stated by the imported files; trtexec's own buffers, the same every iteration");
    for (const wrong of ['precision FP32', '0.000 ms session', 'distinct sets', 'seed 0', 'session     cpu', 'intraOp']) expect(text).not.toContain(wrong);
    const md = await report(run.id);
    expect(md).toContain('| Software | TensorRT (version not stated) trtexec where the files were made; imported by edgelab');
    expect(md).not.toMatch(/onnxruntime|Execution providers \| cpu|linux x64/);
    expect(md).toContain('Hardware: not stated by the imported files.');
    expect(md).toContain('trtexec on a device not stated by the files');
    expect(md).not.toContain('Hardware as the files state it');
  });
});

describe('a log that states the input shapes and the device', () => {
  it('TensorRT 10.16 on an H100: the binding\'s shape, and the Selected Device named in runs and compare', async () => {
    const log = f('logs/hackathon-cookbook_h100pcie_trt10.16.1_loadEngine_dumpProfile_exportTimes.log');
    const run = await importRun([log, '--times', f('exportTimes/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json')]);
    const text = readFileSync(log, 'utf8');
    const binding = /Input binding for (\S+) with dimensions (\S+) and type (\S+) is created/.exec(text)!;
    expect(run.inputs.tensors).toEqual([{ name: binding[1], dtype: binding[3], shape: binding[2]!.split('x').map(Number) }]);
    const device = /Selected Device: (.+)$/m.exec(text)![1]!.trim();
    expect(device).toBe('NVIDIA H100 PCIe');
    expect((run.extras['accelerator'] as { name: string }).name).toBe(device);
    expect((await runCli(['runs', '--workspace', workspace])).stdout).toContain(device);
    const other = await importRun(['--times', f('exportTimes/nvidia-trex_rtx3090_resnet50-tf_fp32_bs32.times.json')]);
    const compared = (await runCli(['compare', other.id, run.id, '--workspace', workspace])).stdout;
    expect(compared).toContain(device);
    // The times-only run states no cold start: it is not compared against a zero.
    expect(compared).not.toMatch(/cold start/i);
    // Nor are ONNX Runtime session options trtexec never had.
    expect(compared).not.toContain('Session settings differ');
  });

  it('TensorRT 8.6 on an RTX 3090: batch 4 from "Created input binding … 4x1x28x28", so per-sample figures', async () => {
    const log = f('logs/hackathon-cookbook_rtx3090_trt8.6.0_loadEngine-infer_fp32.log');
    const times = f('exportTimes/nvidia-trex_rtx3090_resnet50-tf_fp32_bs32.times.json');
    const run = await importRun([log, '--times', times]);
    const batch = Number(/Created input binding for \S+ with dimensions (\d+)x/.exec(readFileSync(log, 'utf8'))![1]);
    expect(batch).toBe(4);
    expect(run.batchSize).toBe(batch);
    const latencies = (JSON.parse(readFileSync(times, 'utf8')) as { latencyMs: number }[]).map((t) => t.latencyMs);
    const perSample = run.extras['perSample'] as { p50Ms: number; batchSize: number };
    expect(perSample.batchSize).toBe(batch);
    expect(perSample.p50Ms).toBeCloseTo(quantileSorted(sortedAscending(latencies), 0.5) / batch, 12);
    expect(run.samplesPerS).toBeCloseTo(run.throughputPerS * batch, 9);
  });
});
