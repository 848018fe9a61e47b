import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SummaryOnlyRun } from '../../core/api/run-record.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * Every form benchmark_app writes its counters and statistics in, and every class of bad input,
 * through the real `edgelab import openvino`. The `py2022…` excerpt and the NanoNet logs are real
 * recordings; the files under `from-source_tiny-classifier/` were written from benchmark_app's own
 * printing code because no real recording of those formats was found (test/fixtures/openvino/SOURCES.md):
 * their layer names are the generated tiny-classifier's, their times illustrative, so these tests
 * check the parsing and mapping against the files themselves, not a measurement.
 */
const fixtures = fileURLToPath(new URL('../fixtures/openvino/', import.meta.url));
const f = (p: string) => path.join(fixtures, p);
const src = (p: string) => f(`from-source_tiny-classifier/${p}`);
const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-openvino-formats-'));
const scratch = mkdtempSync(path.join(tmpdir(), 'edgelab-openvino-bad-'));

interface Layer { name: string; execType: string; averageMs: number; graphNodes: string[]; device: string }
const layersOf = (run: SummaryOnlyRun) => (run.extras['profile'] as { layers: Layer[]; placedShare: number | null; kernelMsPerRun: number }).layers;
const profileOf = (run: SummaryOnlyRun) => run.extras['profile'] as { layers: Layer[]; placedShare: number | null; kernelMsPerRun: number; countersFormat: string; profiledRuns: number };

async function imported(args: string[]): Promise<SummaryOnlyRun> {
  const result = await runCli(['import', 'openvino', ...args, '--json', '--workspace', workspace]);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as SummaryOnlyRun;
}

async function refused(args: string[]): Promise<string> {
  const result = await runCli(['import', 'openvino', ...args, '--workspace', workspace], { timeoutMs: 20_000 });
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result.stderr;
}

/** `name … realTime (ms): x` rows of a `-pc` table, read here with a plain split, executed ones only. */
function pcRealTimes(file: string, unit: 'ms' | 'us' | 'timedelta'): Array<[string, number]> {
  return readFileSync(file, 'utf8').split('\n').filter((l) => /EXECUTED/.test(l)).map((l) => {
    const name = l.trim().split(/\s+/)[0]!.replace(/Status\.EXECUTED.*$/, '');
    if (unit === 'ms') return [name, Number(/realTime \(ms\): ([\d.]+)/.exec(l)![1])];
    if (unit === 'us') return [name, Number(/realTime: (\d+)/.exec(l)![1]) / 1000];
    const [h, m, s] = /realTime: ([\d:.]+?)cpu/.exec(l)![1]!.split(':').map(Number);
    return [name, Math.round((h! * 3600 + m! * 60 + s!) * 1e6) / 1000];
  });
}

describe('the -pc tables, in each of their four forms', () => {
  it('Python 2022 (real, Xeon Silver 4216): timedelta values that run into each other', async () => {
    const file = f('py2022.1_xeon4216_pc_stdout_excerpt/pc_stdout_excerpt.txt');
    const run = await imported([file]);
    expect(profileOf(run).countersFormat).toBe('pc-python-2022');
    expect(layersOf(run).map((l) => [l.name, l.averageMs])).toEqual(pcRealTimes(file, 'timedelta'));
    expect(layersOf(run).find((l) => l.name === 'conv1/7x7_s2/WithoutBiases')?.execType).toBe('jit_avx512_FP32');
  });

  it('warns that names the -pc printer cut cannot be placed on a model graph', async () => {
    const model = await modelPath('tiny-classifier');
    const run = await imported([f('py2022.1_xeon4216_pc_stdout_excerpt/pc_stdout_excerpt.txt'), '--model', model]);
    expect(run.warnings.find((w) => w.code === 'openvino-names-truncated')?.message).toContain('cut long layer names');
  });

  it('C++ realTime (ms), on an NPU: the realTime column sums to the Total time line', async () => {
    const file = src('npu_cpp_pc_stdout.txt');
    const run = await imported([file]);
    const rows = pcRealTimes(file, 'ms');
    expect(layersOf(run).map((l) => [l.name, l.averageMs])).toEqual(rows);
    const total = Number(/Total time:\s+([\d.]+) milliseconds/.exec(readFileSync(file, 'utf8'))![1]);
    expect(profileOf(run).kernelMsPerRun).toBeCloseTo(total, 9);
    expect(run.origin?.statedHardware).toBe('Intel(R) AI Boost');
  });

  it('Python 2023+ with two requests: each layer is the mean of its two blocks', async () => {
    const file = src('py2023_pc_stdout.txt');
    const run = await imported([file]);
    const rows = pcRealTimes(file, 'ms');
    const half = rows.length / 2;
    expect(profileOf(run).profiledRuns).toBe(2);
    expect(layersOf(run).map((l) => l.averageMs)).toEqual(rows.slice(0, half).map(([, v], i) => (v + rows[half + i]![1]) / 2));
  });

  it('legacy microseconds: realTime 31 is 0.031 ms', async () => {
    const file = src('legacy_us_pc_stdout.txt');
    const run = await imported([file]);
    expect(layersOf(run).map((l) => [l.name, l.averageMs])).toEqual(pcRealTimes(file, 'us'));
  });
});

describe('-json_stats, the exec graph and the model graph', () => {
  it('maps counters onto the ONNX graph through originalLayersNames, and reads the JSON report', async () => {
    const model = await modelPath('tiny-classifier');
    const run = await imported(['--report', src('benchmark_report.json'), '--counters', src('benchmark_detailed_counters_report.json'), '--exec-graph', src('exec_graph.xml'), '--model', model]);
    const json = JSON.parse(readFileSync(src('benchmark_report.json'), 'utf8')) as { execution_results: Record<string, number> };
    expect(run.statedSummary.latencyMs).toEqual({
      mean: json.execution_results['latency_avg'], min: json.execution_results['latency_min'], max: json.execution_results['latency_max'],
      percentiles: [{ percentile: json.execution_results['percentile_boundary'], valueMs: json.execution_results['latency_median'] }],
    });
    const xml = readFileSync(src('exec_graph.xml'), 'utf8');
    const conv = layersOf(run).find((l) => l.name === 'features/conv')!;
    expect(conv.graphNodes).toEqual(/name="features\/conv"[^\n]*\n[^\n]*originalLayersNames="([^"]+)"/.exec(xml)![1]!.split(','));
    expect(profileOf(run).placedShare).toBe(1);
    const counters = JSON.parse(readFileSync(src('benchmark_detailed_counters_report.json'), 'utf8')) as { detailed_performance: { nodes: { name: string; real_time: number }[] }[] };
    const mean = (name: string) => counters.detailed_performance.reduce((s, b) => s + b.nodes.find((n) => n.name === name)!.real_time, 0) / counters.detailed_performance.length;
    expect(conv.averageMs).toBeCloseTo(mean('features/conv'), 12);
  });

  it('maps by layer name where no exec graph is given (Python average counters CSV)', async () => {
    const model = await modelPath('tiny-classifier');
    const run = await imported(['--counters', src('benchmark_average_counters_report.csv'), '--model', model]);
    expect(profileOf(run).countersFormat).toBe('average-csv');
    expect(layersOf(run).find((l) => l.name === 'features/conv')?.graphNodes).toEqual(['features/conv']);
    const total = Number(readFileSync(src('benchmark_average_counters_report.csv'), 'utf8').split('\n').find((l) => l.startsWith('Total;'))!.split(';')[4]);
    expect(profileOf(run).kernelMsPerRun).toBeCloseTo(total, 9);
  });
});

describe('the Python tool\'s benchmark_report.csv', () => {
  it('states p99 (-latency_percentile 99) and no median: a p99 target is judged, a p50 target is not stated', async () => {
    const file = src('py_benchmark_report.csv');
    const run = await imported(['--report', file, '--target', 'p99<=1ms', '--target', 'p50<=1ms']);
    const value = (key: string) => Number(readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith(`${key};`))!.split(';')[1]);
    expect(run.statedSummary.latencyMs).toEqual({ mean: value('avg latency'), min: value('min latency'), max: value('max latency'), percentiles: [{ percentile: 99, valueMs: value('latency (99 percentile) (ms)') }] });
    expect(run.verdicts.map((v) => [v.target, v.status, v.observedValue])).toEqual([['p99<=1ms', value('latency (99 percentile) (ms)') <= 1 ? 'pass' : 'fail', value('latency (99 percentile) (ms)')], ['p50<=1ms', 'inconclusive', null]]);
    expect(run.extras['openvino']).toMatchObject({ benchmarkApp: 'Python', requestedDevice: 'CPU', nireq: value('number of parallel infer requests'), streams: 'CPU: 4' });
  });
});

describe('the C++ sorted counters CSV', () => {
  it('reads the extra % column: each layer\'s share agrees with the column to its printed precision', async () => {
    const file = src('benchmark_sort_detailed_counters_report.csv');
    const run = await imported(['--counters', file]);
    expect(profileOf(run).countersFormat).toBe('sorted-csv');
    const printed = readFileSync(file, 'utf8').split('\n').filter((l) => l.includes(';EXECUTED;')).map((l) => l.split(';'));
    const shares = new Map((run.extras['profile'] as { layers: { name: string; share: number }[] }).layers.map((l) => [l.name, l.share]));
    for (const cells of printed) expect(shares.get(cells[0]!)! * 100).toBeCloseTo(Number(cells[6]), 3);
  });
});

describe('lints on what the files show', () => {
  it('an FP32 layer in an INT8 model and a ref_ implementation', async () => {
    const run = await imported(['--counters', src('benchmark_average_counters_report.csv')]);
    const byCode = new Map(run.warnings.map((w) => [w.code, w.message]));
    expect(byCode.get('openvino-precision-fallback')).toContain('head/fc gemm_mlas_FP32');
    expect(byCode.get('openvino-reference-implementation')).toContain('head/softmax ref_any_FP32');
  });

  it('counters all zero because PERF_COUNT was off', async () => {
    // The real ResNet-50 counters with every time zeroed: what a run without PERF_COUNT writes.
    const zeroed = path.join(scratch, 'benchmark_detailed_counters_report.csv');
    const real = readFileSync(f('ovrepo_8d4f2fa4_cpu_avx2_resnet50_detailed/benchmark_detailed_counters_report.request0.csv'), 'utf8');
    writeFileSync(zeroed, real.replace(/;\d+\.\d+;\d+\.\d+;$/gm, ';0.000;0.000;'));
    const run = await imported(['--counters', zeroed]);
    expect(run.warnings.find((w) => w.code === 'openvino-perf-counters-off')?.message).toMatch(/^Every per-layer counter is zero/);
  });

  it('a device asked for but not used (EXECUTION_DEVICES differs from -d)', async () => {
    // The real NPU log as it would read had the compiled model fallen back to the CPU.
    const moved = path.join(scratch, 'npu-on-cpu.log');
    writeFileSync(moved, readFileSync(f('nanonet_mtl_cpu_gpu_npu_2024.1/npu.log'), 'utf8').replaceAll('NPU.3720', 'CPU'));
    const run = await imported([moved]);
    expect(run.warnings.find((w) => w.code === 'openvino-device-not-used')?.message).toBe('benchmark_app was asked for NPU (-d), but the compiled model ran on CPU (EXECUTION_DEVICES).');
  });
});

describe('bad input: exit 2, naming the file, the line and what was expected', () => {
  it('a DeepStream log given to the OpenVINO importer', async () => {
    const file = f('mixed-up/ds7.1_orin_test5_int8_perf.excerpt.txt');
    const err = await refused([file]);
    expect(err).toContain(`LOG ${file}, line 1: expected benchmark_app output ('[Step 1/11] Parsing and validating input arguments'`);
    expect(err).toContain('use `edgelab import deepstream`');
  });

  it('a truncated log, a truncated counters CSV, a truncated JSON', async () => {
    const log = readFileSync(f('nanonet_mtl_cpu_gpu_npu_2024.1/cpu.log'), 'utf8').split('\n');
    const cut = log.findIndex((l) => l.startsWith('[Step 10/11]')) + 1;
    const cutLog = path.join(scratch, 'cut.log');
    writeFileSync(cutLog, log.slice(0, cut).join('\n') + '\n');
    expect(await refused([cutLog])).toContain(`LOG ${cutLog}, line ${cut}: the log stops at step 10 of 11, before benchmark_app's results`);

    const csv = readFileSync(f('ovrepo_8d4f2fa4_cpu_avx2_resnet50_detailed/benchmark_detailed_counters_report.request0.csv'), 'utf8').split('\n');
    const cutCsv = path.join(scratch, 'cut_detailed_counters.csv');
    writeFileSync(cutCsv, csv.slice(0, 30).join('\n') + '\n');
    expect(await refused(['--counters', cutCsv])).toContain(`--counters ${cutCsv}, line 30: the file ends inside the counters block that begins at line 1, before its Total row`);

    const json = readFileSync(src('benchmark_report.json'), 'utf8');
    const cutJson = path.join(scratch, 'benchmark_report.json');
    writeFileSync(cutJson, json.slice(0, Math.floor(json.length / 2)));
    expect(await refused(['--report', cutJson])).toContain(`--report ${cutJson}: the JSON ends before it closes: the file is truncated`);
  });

  it('binary garbage, a FIFO (without hanging), a folder, a missing file', async () => {
    const garbage = path.join(scratch, 'garbage.log');
    writeFileSync(garbage, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x0a]));
    expect(await refused([garbage])).toContain(`LOG ${garbage}, line 1: binary data (a NUL byte), not a text report`);
    const fifo = path.join(scratch, 'pipe.log');
    execFileSync('mkfifo', [fifo]);
    expect(await refused([fifo])).toContain(`LOG ${fifo}: is a FIFO (named pipe), not a regular file`);
    expect(await refused([scratch])).toContain(`LOG ${scratch}: is a folder, not a regular file`);
    expect(await refused(['--report', path.join(scratch, 'none.csv')])).toContain(`--report ${path.join(scratch, 'none.csv')}: no such file`);
  });

  it('files given in each other\'s place: counters as --report, the report as --counters, a model IR as --exec-graph', async () => {
    const counters = f('ovrepo_8d4f2fa4_cpu_avx2_resnet50_detailed/benchmark_detailed_counters_report.request0.csv');
    const report = f('ovrepo_8d4f2fa4_cpu_avx2_resnet50_detailed/benchmark_report.csv');
    expect(await refused(['--report', counters])).toContain(`--report ${counters}, line 1: expected a section title ('Command line parameters'`);
    expect(await refused(['--counters', report])).toContain(`--counters ${report}, line 1: expected the counters header 'layerName;execStatus;`);
    const ir = path.join(scratch, 'model.xml');
    writeFileSync(ir, readFileSync(src('exec_graph.xml'), 'utf8').replace(/ originalLayersNames="[^"]*"/g, ''));
    expect(await refused(['--counters', counters, '--exec-graph', ir])).toContain(`--exec-graph ${ir}: no layer has originalLayersNames, so this is a model (IR .xml), not an execution graph`);
  });

  it('no file at all', async () => {
    expect(await refused([])).toContain('edgelab import openvino: no benchmark_app files given.');
  });
});
