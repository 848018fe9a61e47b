import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelBuilder } from '../../models/onnx-builder.js';
import { LabError } from '../api/errors.js';
import { ort } from '../runtime/ort.js';
import { readTraceEvents } from './ort-trace.js';
import { findTraceFile } from './trace-file.js';

/**
 * This machine's measured ceilings for the roofline, from ONNX Runtime itself on the CPU provider:
 * a large MatMul for arithmetic (GFLOP/s) and a large Add for memory bandwidth (GB/s). Measured
 * rather than taken from a datasheet so that the roof reflects what ONNX Runtime's kernels reach
 * with this thread count, which is the fair bar for the model's own kernels.
 */
export interface MachinePeaks {
  /** ONNX Runtime's provider name the peaks were measured on. */
  provider: string;
  /** Intra-op threads; 0 means ONNX Runtime's default (one per physical core). */
  threads: number;
  computeGflopsPerS: number;
  bandwidthGBPerS: number;
  /** FLOPs per byte where the two roofs meet: below it a kernel is memory-bound. */
  ridgeFlopsPerByte: number;
  /** What was run, so a reader can repeat it. */
  method: string;
}

export interface PeakOptions {
  threads?: number;
  /** MatMul size n (n×n · n×n). Default 1024: 2.1 GFLOP, long enough to reach full clock. */
  matmulSize?: number;
  /** Add length in float32 elements. Default 8 Mi (96 MiB moved), well beyond last-level caches. */
  addElements?: number;
  /** Timed repetitions; the fastest counts. Default 5. */
  repeats?: number;
}

const cache = new Map<string, Promise<MachinePeaks>>();

/** Measured once per process and option set: the figures do not change between profiles. */
export function measurePeaks(options: PeakOptions = {}): Promise<MachinePeaks> {
  const resolved = { threads: options.threads ?? 0, matmulSize: options.matmulSize ?? 1024, addElements: options.addElements ?? 8 * 1024 * 1024, repeats: options.repeats ?? 5 };
  const key = JSON.stringify(resolved);
  let peaks = cache.get(key);
  if (!peaks) {
    peaks = measure(resolved);
    cache.set(key, peaks);
    peaks.catch(() => cache.delete(key));
  }
  return peaks;
}

function matmulModel(n: number): Uint8Array {
  const b = new ModelBuilder({ graphName: 'peak_matmul' });
  const a = b.input('a', 'float32', [n, n]);
  b.node('MatMul', [a, b.randomInitializer('b', [n, n])], 'y', { name: 'matmul' });
  b.output('y', 'float32', [n, n]);
  return b.toBytes();
}

function addModel(count: number): Uint8Array {
  const b = new ModelBuilder({ graphName: 'peak_add' });
  const x = b.input('x', 'float32', [count]);
  const y = b.input('y', 'float32', [count]);
  b.node('Add', [x, y], 'z', { name: 'add' });
  b.output('z', 'float32', [count]);
  return b.toBytes();
}

/**
 * The fastest kernel time of the one node, read from ONNX Runtime's own profile: wall time around
 * run() would include copying the output into a JavaScript buffer, which is not the kernel's speed
 * and halves the apparent bandwidth.
 */
async function fastestKernelMs(model: Uint8Array, feeds: Record<string, ort.Tensor>, threads: number, repeats: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'edgelab-peaks-'));
  try {
    const prefix = join(dir, 'peak');
    const options: ort.InferenceSession.SessionOptions = {
      executionProviders: ['cpu'], logSeverityLevel: 3, enableProfiling: true, profileFilePrefix: prefix,
    };
    if (threads > 0) options.intraOpNumThreads = threads;
    const session = await ort.InferenceSession.create(model, options);
    try {
      // Two extra runs warm the arena and the caches; the fastest kernel is the machine's speed.
      for (let i = 0; i < repeats + 2; i++) await session.run(feeds);
      session.endProfiling();
    } finally {
      await session.release();
    }
    const events = readTraceEvents(await readFile(await findTraceFile(prefix), 'utf8'), 'peak micro-benchmark');
    const durations = events.filter((e) => e.cat === 'Node' && e.name.endsWith('_kernel_time')).map((e) => e.dur);
    if (durations.length === 0) throw new LabError('runtime', 'The peak micro-benchmark produced no kernel events.', 'Report this with the ONNX Runtime version.');
    return Math.max(Math.min(...durations), 1) / 1000;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const filled = (count: number, value: number): Float32Array => new Float32Array(count).fill(value);

async function measure(o: Required<PeakOptions>): Promise<MachinePeaks> {
  const n = o.matmulSize;
  const matmulMs = await fastestKernelMs(matmulModel(n), { a: new ort.Tensor('float32', filled(n * n, 0.5), [n, n]) }, o.threads, o.repeats);
  const count = o.addElements;
  const addMs = await fastestKernelMs(
    addModel(count),
    { x: new ort.Tensor('float32', filled(count, 1), [count]), y: new ort.Tensor('float32', filled(count, 2), [count]) },
    o.threads,
    o.repeats,
  );
  const computeGflopsPerS = (2 * n ** 3) / (matmulMs * 1e6);
  const bandwidthGBPerS = (3 * count * 4) / (addMs * 1e6);
  return {
    provider: 'CPUExecutionProvider',
    threads: o.threads,
    computeGflopsPerS,
    bandwidthGBPerS,
    ridgeFlopsPerByte: computeGflopsPerS / bandwidthGBPerS,
    method: `fastest kernel time in ONNX Runtime's profile, of ${o.repeats}: MatMul ${n}×${n}·${n}×${n} float32 (2n³ FLOPs); Add of two ${count}-element float32 vectors (3×4×${count} bytes)`,
  };
}
