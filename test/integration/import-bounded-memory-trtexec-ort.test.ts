import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletedRun } from '../../core/api/run-record.js';
import { runCli } from '../helpers/cli.js';

/**
 * Imports far larger than the importing process's heap: a 150 MB trtexec --exportTimes file with a
 * 60 MB verbose console log, and an ONNX Runtime trace of 160,000 node events (56 MB of JSON,
 * gzipped), each imported by the real `edgelab` process with a 64 MiB JavaScript heap
 * (--max-old-space-size=64). Before these importers read their files as streams, both commands
 * died of "JavaScript heap out of memory" (exit 134) on these very files: the trtexec importer held
 * the times file's text and its parsed array, the ONNX Runtime importer the gunzipped text and every
 * event. trtexec cannot run here; the files are written in the formats of the recorded ones in
 * test/fixtures/trtexec-runs and test/fixtures/webgpu-h200.
 *
 * The times file holds 20,000 iterations, each with a padding field of 7,500 characters: trtexec's
 * importer reads only the fields it knows, so the padding only makes the file large, while the
 * record (legitimately one sample per iteration) stays small enough for the heap.
 */
const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=64' };
const ITERATIONS = 20_000;
const PADDING = 'x'.repeat(7_500);
const RUNS = 8_001;
const NODES_PER_RUN = 20;

let dir: string;

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
}

async function close(out: Writable, last: string, file: Writable = out): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    file.once('finish', resolve).once('close', resolve).once('error', reject);
    out.end(last);
  });
}

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('data', (c) => hash.update(c)).on('end', () => resolve(hash.digest('hex'))).on('error', reject);
  });
}

/** The median as the records state it: the middle value, or the mean of the two middle values. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'edgelab-big-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a trtexec import larger than the heap', () => {
  const latencies: number[] = [];
  let timesPath: string;
  let logPath: string;
  beforeAll(async () => {
    timesPath = join(dir, 'times.json');
    const times = createWriteStream(timesPath);
    await write(times, '[\n');
    let t = 1000;
    for (let i = 0; i < ITERATIONS; i++) {
      const compute = 1 + ((i * 7919) % 1000) / 1000;
      const latency = Math.round((compute + 0.07) * 1e4) / 1e4;
      latencies.push(latency);
      await write(times, `${i ? ',\n' : ''}  { "startEnqMs" : ${t}, "endEnqMs" : ${t + 0.01}, "startH2dMs" : ${t}, "endD2hMs" : ${t + latency}, "h2dMs" : 0.05, "computeMs" : ${compute}, "d2hMs" : 0.02, "latencyMs" : ${latency}, "padding" : "${PADDING}" }`);
      t += 2.5;
    }
    await close(times, '\n]\n');

    // A verbose build log: mostly [V] tactic lines, then the summary and the end line.
    logPath = join(dir, 'run.log');
    const log = createWriteStream(logPath);
    await write(log, '&&&& RUNNING TensorRT.trtexec [TensorRT v100300] # trtexec --onnx=model.onnx --exportTimes=times.json --verbose\n[12/06/2026-10:00:00] [I] TensorRT version: 10.3.0\n[12/06/2026-10:00:00] [I] Selected Device: NVIDIA Jetson AGX Orin\n');
    const tactic = '[12/06/2026-10:00:01] [V] [TRT] Tactic Name: sm80_xmma_fprop_implicit_gemm_f32f32_tf32f32_f32_nhwckrsc_nhwc Tactic: 0x0000000000020318 Time: 0.0123 ms\n'.repeat(100);
    for (let i = 0; i < 4_400; i++) await write(log, tactic);
    await write(log, '[12/06/2026-10:01:00] [I] === Performance summary ===\n[12/06/2026-10:01:00] [I] Throughput: 400 qps\n[12/06/2026-10:01:00] [I] Latency: min = 1.07 ms, max = 2.069 ms, mean = 1.5695 ms, median = 1.5695 ms, percentile(90%) = 1.87 ms, percentile(95%) = 1.92 ms, percentile(99%) = 2.06 ms\n');
    await close(log, '&&&& PASSED TensorRT.trtexec [TensorRT v100300] # trtexec --onnx=model.onnx --exportTimes=times.json --verbose\n');
    expect((await stat(timesPath)).size).toBeGreaterThan(150e6);
  });

  it('imports with a 64 MiB heap; the median is that of the iterations written, and the copies hash as read', async () => {
    const workspace = join(dir, 'ws-trtexec');
    const r = await runCli(['import', 'trtexec', logPath, '--times', timesPath, '--json', '--workspace', workspace], { env: SMALL_HEAP });
    expect(r.stderr).not.toContain('heap out of memory');
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout) as CompletedRun;
    expect(run.iterations).toBe(ITERATIONS);
    expect(run.latencyMs.p50).toBeCloseTo(median(latencies), 9);
    expect(run.samplesMs).toHaveLength(ITERATIONS);
    const files = run.origin!.files;
    expect(files.map((f) => f.role)).toEqual(['log', 'times']);
    for (const f of files) {
      expect(f.sha256).toBe(await sha256Of(f.role === 'log' ? logPath : timesPath));
      expect(await sha256Of(join(workspace, 'runs', run.id, f.name))).toBe(f.sha256);
    }
  });
});

describe('an ONNX Runtime trace larger than the heap, gzipped', () => {
  const runDurationsMs: number[] = [];
  let countedKernelUs = 0;
  let tracePath: string;
  beforeAll(async () => {
    tracePath = join(dir, 'big-profile.json.gz');
    const file = createWriteStream(tracePath);
    const gzip = createGzip();
    gzip.pipe(file);
    await write(gzip, '[\n{"cat":"Session","pid":1,"tid":1,"dur":5000,"ts":1,"ph":"X","name":"session_initialization","args":{}}');
    let ts = 10_000;
    for (let r = 0; r < RUNS; r++) {
      const start = ts;
      for (let k = 0; k < NODES_PER_RUN; k++) {
        const dur = 10 + ((r * 31 + k * 7) % 50);
        if (r > 0) countedKernelUs += dur;
        await write(gzip, `,\n{"cat":"Node","pid":1,"tid":1,"dur":${dur},"ts":${ts},"ph":"X","name":"relu_${k}_kernel_time","args":{"thread_scheduling_stats":"","output_size":"4096","parameter_size":"0","activation_size":"4096","node_index":"${k}","input_type_shape":[{"float":[1,1024]}],"output_type_shape":[{"float":[1,1024]}],"provider":"CPUExecutionProvider","op_name":"Relu"}}`);
        ts += dur + 1;
      }
      const dur = ts - start + ((r * 7919) % 997);
      // The first run is left out as warm-up (--skip-runs defaults to 1).
      if (r > 0) runDurationsMs.push(dur / 1000);
      await write(gzip, `,\n{"cat":"Session","pid":1,"tid":1,"dur":${dur},"ts":${start},"ph":"X","name":"model_run","args":{}}`);
      ts = start + dur + 5;
    }
    await close(gzip, '\n]\n', file);
  });

  it('imports with a 64 MiB heap; the median is that of the model_run events written, and the copy hashes as read', async () => {
    const workspace = join(dir, 'ws-ort');
    const r = await runCli(['import', 'ort-profile', tracePath, '--json', '--workspace', workspace], { env: SMALL_HEAP });
    expect(r.stderr).not.toContain('heap out of memory');
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout) as CompletedRun;
    expect(run.iterations).toBe(RUNS - 1);
    expect(run.latencyMs.p50).toBeCloseTo(median(runDurationsMs), 9);
    const [file] = run.origin!.files;
    expect(file!.sha256).toBe(await sha256Of(tracePath));
    expect(await sha256Of(join(workspace, 'runs', run.id, file!.name))).toBe(file!.sha256);
    // Every node event was added up, those of the first run left out.
    const profile = run.extras.profile as { kernelMsPerRun: number };
    expect(profile.kernelMsPerRun).toBeCloseTo(countedKernelUs / 1000 / (RUNS - 1), 9);
  });
});
