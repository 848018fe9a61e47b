import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SummaryOnlyRun } from '../../core/api/run-record.js';
import { runCli } from '../helpers/cli.js';

/**
 * An OpenVINO detailed counters CSV of 200,000 infer requests (124 MB: one block of eight
 * layers per request, each closed by its Total row) imported by the real `edgelab` process with a
 * 64 MiB JavaScript heap (--max-old-space-size=64), next to the recorded ResNet-50 benchmark_report.csv.
 * Before the counters were summed per layer as they are read, the importer kept every request's
 * block and died of "JavaScript heap out of memory" (exit 134) on this very file. benchmark_app
 * cannot run here: the file is written in the C++ tool's `;`-ended format and with the layers of
 * the recorded counters in test/fixtures/openvino/ovrepo_8d4f2fa4_cpu_avx2_resnet50_detailed, and
 * each layer's mean is computed here from the values written.
 */
const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=64' };
const REQUESTS = 200_000;
const LAYERS: ReadonlyArray<readonly [string, string, string, string, number]> = [
  ['data', 'NOT_RUN', 'Parameter', 'unknown_I8', 0],
  ['Divide_894', 'EXECUTED', 'Subgraph', 'jit_avx2_I8', 0.08],
  ['/conv1/Conv/WithoutBiases', 'EXECUTED', 'Convolution', 'brgconv_avx2_f32', 3.259],
  ['/relu/Relu', 'NOT_RUN', 'Relu', 'undef', 0],
  ['/maxpool/MaxPool', 'EXECUTED', 'MaxPool', 'jit_avx2_f32', 0.388],
  ['/layer1/layer1.0/conv1/Conv/WithoutBiases', 'EXECUTED', 'Convolution', 'brgconv_avx2_1x1_f32', 0.494],
  ['/layer1/layer1.0/conv2/Conv/WithoutBiases', 'EXECUTED', 'Convolution', 'brgconv_avx2_f32', 3.156],
  ['prob/sink_port_0', 'NOT_RUN', 'Result', 'unknown_f32', 0],
];
const report = fileURLToPath(new URL('../fixtures/openvino/ovrepo_8d4f2fa4_cpu_avx2_resnet50_detailed/benchmark_report.csv', import.meta.url));

let dir: string;
let counters: string;
/** Each layer's realTime summed over the requests, in the order written (the importer sums in file order too). */
const sums = new Map<string, number>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'edgelab-big-openvino-'));
  counters = join(dir, 'benchmark_detailed_counters_report.csv');
  const out = createWriteStream(counters);
  let chunk = '';
  for (let r = 0; r < REQUESTS; r++) {
    let block = 'layerName;execStatus;layerType;execType;realTime (ms);cpuTime (ms);\n';
    let total = 0;
    LAYERS.forEach(([name, status, type, exec, base], i) => {
      const ms = (base === 0 ? 0 : base + ((r * 7 + i * 3) % 50) / 1000).toFixed(3);
      sums.set(name, (sums.get(name) ?? 0) + Number(ms));
      total += Number(ms);
      block += `${name};${status};${type};${exec};${ms};${ms};\n`;
    });
    chunk += `${block}Total;;;;${total.toFixed(3)};${total.toFixed(3)};\n\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      chunk = '';
    }
  }
  await new Promise<void>((resolve, reject) => {
    out.once('finish', resolve).once('error', reject);
    out.end(chunk);
  });
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('an OpenVINO counters CSV far larger than the heap', () => {
  it('is imported under a 64 MiB heap, each layer the mean of every request written', { timeout: 300_000 }, async () => {
    expect((await stat(counters)).size).toBeGreaterThan(100 * 1024 * 1024);
    const r = await runCli(['import', 'openvino', '--report', report, '--counters', counters, '--json', '--workspace', join(dir, 'ws')], { env: SMALL_HEAP, timeoutMs: 300_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const profile = (JSON.parse(r.stdout) as SummaryOnlyRun).extras['profile'] as { profiledRuns: number; countersFormat: string; layers: Array<{ name: string; execType: string; averageMs: number }> };
    expect(profile.countersFormat).toBe('detailed-csv');
    expect(profile.profiledRuns).toBe(REQUESTS);
    const executed = LAYERS.filter(([, status]) => status === 'EXECUTED');
    expect(profile.layers.map((l) => [l.name, l.execType])).toEqual(executed.map(([name, , , exec]) => [name, exec]));
    for (const layer of profile.layers) expect(layer.averageMs).toBe(sums.get(layer.name)! / REQUESTS);
  });
});
