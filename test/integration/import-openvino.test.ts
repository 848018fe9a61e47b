import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompletedRun, SummaryOnlyRun } from '../../core/api/run-record.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * `edgelab import openvino` through the real CLI. OpenVINO cannot run here (its Node binding
 * downloads the runtime from Intel at install), so these read what real benchmark_app runs wrote
 * on other machines (origins in test/fixtures/openvino/SOURCES.md): a C++ detailed_counters report
 * of ResNet-50 on an AVX2 laptop CPU, and Python 2024.1 stdout logs of one model on a Core Ultra's
 * CPU, iGPU and NPU. Every figure is checked against the file read independently here.
 */
const fixtures = fileURLToPath(new URL('../fixtures/openvino/', import.meta.url));
const f = (p: string) => path.join(fixtures, p);
const report = f('ovrepo_8d4f2fa4_cpu_avx2_resnet50_detailed/benchmark_report.csv');
const counters = f('ovrepo_8d4f2fa4_cpu_avx2_resnet50_detailed/benchmark_detailed_counters_report.request0.csv');
const npuLog = f('nanonet_mtl_cpu_gpu_npu_2024.1/npu.log');
const gpuLog = f('nanonet_mtl_cpu_gpu_npu_2024.1/gpu.log');
const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-openvino-ws-'));

/** `key;value;` of benchmark_report.csv, read here without the importer. */
function reportValue(key: string): number {
  const line = readFileSync(report, 'utf8').split(/\r?\n/).find((l) => l.startsWith(`${key};`));
  return Number(line!.split(';')[1]);
}

/** The realTime (ms) column and the Total row, read here without the importer. */
function countersColumn(): { rows: { name: string; status: string; execType: string; realMs: number }[]; totalMs: number } {
  const lines = readFileSync(counters, 'utf8').split(/\r?\n/).filter((l) => l !== '').slice(1);
  const cells = lines.map((l) => l.split(';'));
  const total = cells.find((c) => c[0] === 'Total')!;
  return { rows: cells.filter((c) => c[0] !== 'Total').map((c) => ({ name: c[0]!, status: c[1]!, execType: c[3]!, realMs: Number(c[4]) })), totalMs: Number(total[4]) };
}

async function importJson(args: string[]): Promise<SummaryOnlyRun> {
  const result = await runCli(['import', 'openvino', ...args, '--json', '--workspace', workspace]);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as SummaryOnlyRun;
}

let csvRun: SummaryOnlyRun;

beforeAll(async () => {
  csvRun = await importJson(['--report', report, '--counters', counters, '--label', 'resnet50 CPU (AVX2 laptop)', '--target', 'p99<=150ms', '--target', 'p50<=150ms']);
});

describe('benchmark_report.csv with its detailed counters (C++ benchmark_app)', () => {
  it('records the latency exactly as the report states it, summary-only, with no samples or intervals', () => {
    expect(csvRun.state).toBe('summary-only');
    expect(csvRun.samplesMs).toEqual([]);
    expect(csvRun).not.toHaveProperty('stability');
    const s = csvRun.statedSummary;
    expect(s.latencyMs.percentiles).toEqual([{ percentile: 50, valueMs: reportValue('Median latency (ms)') }]);
    expect(s.latencyMs.mean).toBe(reportValue('Average latency (ms)'));
    expect(s.latencyMs.min).toBe(reportValue('Min latency (ms)'));
    expect(s.latencyMs.max).toBe(reportValue('Max latency (ms)'));
    expect(s.throughputPerS).toBe(reportValue('throughput'));
    expect(s.iterations).toBe(reportValue('total number of iterations'));
    expect(s.source).toMatch(/^benchmark_report\.csv line \d+$/);
    expect(csvRun.executionProvider).toBe('openvino (CPU)');
    expect(csvRun.extras['openvino']).toMatchObject({ requestedDevice: 'CPU', nireq: reportValue('number of parallel infer requests'), api: 'async', benchmarkApp: 'C++' });
  });

  it('judges only the percentiles the report states: p99 is "not stated", never a pass', () => {
    const [p99, p50] = csvRun.verdicts;
    expect(p99).toMatchObject({ target: 'p99<=150ms', status: 'inconclusive', observedValue: null });
    expect(p99!.method).toMatch(/^not stated: the imported files state only median, mean, min, max, throughput/);
    expect(p50).toMatchObject({ status: reportValue('Median latency (ms)') <= 150 ? 'pass' : 'fail', observedValue: reportValue('Median latency (ms)') });
  });

  it('takes the per-layer profile from the counters: realTime summed equals the Total row, execTypes kept', () => {
    const { rows, totalMs } = countersColumn();
    const profile = csvRun.extras['profile'] as { engine: string; kernelMsPerRun: number; layers: { name: string; execType: string; averageMs: number; precision: string }[]; opTypes: { opType: string; msPerRun: number }[]; topNodes: { name: string }[] };
    expect(profile.engine).toBe('openvino');
    const executed = rows.filter((r) => r.status === 'EXECUTED');
    expect(profile.layers.map((l) => [l.name, l.execType, l.averageMs])).toEqual(executed.map((r) => [r.name, r.execType, r.realMs]));
    expect(profile.kernelMsPerRun).toBeCloseTo(totalMs, 3);
    expect(profile.kernelMsPerRun).toBeCloseTo(rows.reduce((s, r) => s + r.realMs, 0), 9);
    const slowest = [...executed].sort((a, b) => b.realMs - a.realMs)[0]!;
    expect(profile.topNodes[0]!.name).toBe(slowest.name);
    expect(profile.layers.find((l) => l.name === slowest.name)?.precision).toBe('FP32');
    // The input Subgraph runs on u8 data (jit_avx2_I8) in an FP32 model: not a precision fallback.
    expect(csvRun.warnings.map((w) => w.code)).not.toContain('openvino-precision-fallback');
  });

  it('copies both files beside the record, byte for byte, held to their hashes by runs verify', async () => {
    expect(csvRun.origin?.files.map((x) => [x.role, x.name])).toEqual([['report', 'benchmark_report.csv'], ['counters', path.basename(counters)]]);
    expect(readFileSync(path.join(workspace, 'runs', csvRun.id, path.basename(counters)))).toEqual(readFileSync(counters));
    expect((await runCli(['runs', 'verify', '--workspace', workspace])).code).toBe(0);
  });

  it('exits 4 from the CLI: a target it cannot judge is inconclusive', async () => {
    const result = await runCli(['import', 'openvino', '--report', report, '--target', 'p99<=150ms', '--workspace', workspace]);
    expect(result.code).toBe(4);
  });
});

describe('benchmark_app stdout logs (Python 2024.1, Core Ultra 5 125H)', () => {
  it('records the NPU run: device asked for and used, OpenVINO version, hint, requests, PERF_COUNT, statistics', async () => {
    const run = await importJson([npuLog]);
    const text = readFileSync(npuLog, 'utf8');
    const stated = (label: string) => Number(new RegExp(`${label}:\\s+([\\d.]+)`).exec(text)![1]);
    expect(run.statedSummary.latencyMs).toEqual({ mean: stated('Average'), min: stated('Min'), max: stated('Max'), percentiles: [{ percentile: 50, valueMs: stated('Median') }] });
    expect(run.statedSummary.throughputPerS).toBe(stated('Throughput'));
    expect(run.statedSummary.iterations).toBe(stated('Count'));
    expect(run.statedSummary.compileMs).toBe(Number(/Compile model took ([\d.]+) ms/.exec(text)![1]));
    expect(run.extras['openvino']).toMatchObject({
      openvinoVersion: '2024.1.0-15008-f4afc983258-releases/2024/1', requestedDevice: 'NPU', executionDevices: ['NPU.3720'],
      hint: 'THROUGHPUT', nireq: 4, perfCount: false, benchmarkApp: 'Python', inferencePrecision: 'float16',
    });
    expect(run.origin?.statedHardware).toBe('OpenVINO device NPU.3720');
    expect(run.warnings.map((w) => w.code)).not.toContain('openvino-device-not-used');
  });

  it('records a log that ends in benchmark_app\'s own error as a failed run (exit 3)', async () => {
    // The real NPU log cut after its compile step, then the error line benchmark_app prints when it stops.
    const lines = readFileSync(npuLog, 'utf8').split('\n');
    const failed = path.join(mkdtempSync(path.join(tmpdir(), 'edgelab-openvino-failed-')), 'npu-failed.log');
    writeFileSync(failed, [...lines.slice(0, lines.findIndex((l) => l.startsWith('[Step 8/11]'))), '[ ERROR ] Device with "NPU" name is not registered in the OpenVINO Runtime', ''].join('\n'));
    const result = await runCli(['import', 'openvino', failed, '--json', '--workspace', workspace]);
    expect(result.code).toBe(3);
    const run = JSON.parse(result.stdout) as { state: string; error: { message: string } };
    expect(run.state).toBe('failed');
    expect(run.error.message).toBe('benchmark_app failed: Device with "NPU" name is not registered in the OpenVINO Runtime');
  });

  it('reads GPU as used when EXECUTION_DEVICES names GPU.0', async () => {
    const run = await importJson([gpuLog]);
    expect(run.executionProvider).toBe('openvino (GPU.0)');
    expect(run.warnings.map((w) => w.code)).not.toContain('openvino-device-not-used');
  });

  it('refuses the whole NanoNet file, which holds three runs, naming the line where the second begins', async () => {
    const whole = f('nanonet_mtl_cpu_gpu_npu_2024.1/benchmark_app_results.20240812.md');
    const result = await runCli(['import', 'openvino', whole, '--workspace', workspace]);
    expect(result.code).toBe(2);
    const second = readFileSync(whole, 'utf8').split('\n').findIndex((l, i, all) => l.startsWith('[Step 1/11]') && all.slice(0, i).some((p) => p.startsWith('[Step 1/11]'))) + 1;
    expect(result.stderr).toContain(`LOG ${whole}, line ${second}: a second benchmark_app run begins here`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('compare, runs and report', () => {
  it('compares an OpenVINO import with an ONNX Runtime run of another model: the models differ, nothing is tested', async () => {
    const model = await modelPath('tiny-classifier');
    const bench = await runCli(['bench', model, '--iterations', '30', '--warmup', '2', '--no-telemetry', '--json', '--workspace', workspace]);
    const measured = JSON.parse(bench.stdout) as CompletedRun;
    const compared = await runCli(['compare', measured.id, csvRun.id, '--workspace', workspace]);
    expect(compared.code).toBe(0);
    expect(compared.stdout).toContain('! different-model: The runs measured different models: tiny-classifier.onnx');
    expect(compared.stdout).toContain('resnet-50-pytorch.xml (no file fingerprint');
    expect(compared.stdout).toContain(`imported-evidence: Run ${csvRun.id} was imported from openvino's files`);
    expect(compared.stdout).toContain('different-engine: The runs used different engines: ONNX Runtime → OpenVINO benchmark_app.');
    expect(compared.stdout).toMatch(/p50 +[\d.]+ +129\.5 .*not tested \(no samples\)/);
    expect(compared.stdout).toContain('Not stated by one side, so not compared: p90, p95, p99.');
  });

  it('lists the import in runs with its stated p50 and an unstated p99', async () => {
    const listed = await runCli(['runs', '--workspace', workspace]);
    const line = listed.stdout.split('\n').find((l) => l.startsWith(csvRun.id))!;
    expect(line).toContain('[imported]');
    expect(line).toContain('openvino (CPU)');
    expect(line).toContain('129.5');
    expect(line).toContain('not stated');
  });

  it('reports it in JUnit and HTML with the unstated p99 skipped, never passed', async () => {
    const junit = (await runCli(['report', csvRun.id, '--format', 'junit', '--workspace', workspace])).stdout;
    expect(junit).toMatch(/<testcase name="p99&lt;=150ms"[^>]*>\s*<skipped message="inconclusive: p99 not measured/);
    expect(junit).toMatch(/<testcase name="p50&lt;=150ms"[^>]*\/>/);
    const html = (await runCli(['report', csvRun.id, '--format', 'html', '--workspace', workspace])).stdout;
    expect(html).toContain('Summary only: benchmark_app states summary statistics only');
  });

  it('exports the stated figures under names of their own, never as computed statistics (DVC metrics)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-openvino-dvc-'));
    const exported = await runCli(['export', 'dvc', dir, csvRun.id, '--workspace', workspace]);
    expect(exported.code, exported.stderr).toBe(0);
    const metrics = JSON.parse(readFileSync(path.join(dir, 'metrics', readdirSync(path.join(dir, 'metrics'))[0]!), 'utf8')) as Record<string, unknown>;
    expect(metrics['stated_latency_ms']).toEqual({ mean: reportValue('Average latency (ms)'), min: reportValue('Min latency (ms)'), max: reportValue('Max latency (ms)'), p50: reportValue('Median latency (ms)') });
    expect(metrics).not.toHaveProperty('latency_ms');
  });

  it('reports it in Markdown with the figures as stated and the OpenVINO settings', async () => {
    const md = (await runCli(['report', csvRun.id, '--format', 'md', '--workspace', workspace])).stdout;
    expect(md).toContain('— summary-only');
    expect(md).toContain('### Latency as stated');
    expect(md).toMatch(/\| Latency p99 +\| +not stated \|/);
    expect(md).toContain('Imported evidence');
    expect(md).toContain('brgconv_avx2_f32');
  });
});
