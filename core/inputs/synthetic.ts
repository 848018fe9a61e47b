import os from 'node:os';
import { LabError } from '../api/errors.js';
import { ort, type Feeds } from '../runtime/ort.js';
import { synthesizableDtypes, type SynthDtype } from './dtypes.js';
import { toFloat16Bits } from './float16.js';
import { mulberry32 } from './prng.js';
import { shapeFlag, type ConcreteInput } from './shapes.js';

export type TensorData =
  | Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array
  | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;

export const elementCount = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export const bytesOf = (input: ConcreteInput): number => elementCount(input.shape) * synthesizableDtypes[input.dtype];

/**
 * Values are small and non-negative for integers (inputs that are indices or token ids stay in
 * range) and in [-1, 1) for floats (the range of normalised images).
 */
export function synthesizeData(dtype: SynthDtype, count: number, next: () => number): TensorData {
  switch (dtype) {
    case 'float32': return Float32Array.from({ length: count }, () => next() * 2 - 1);
    case 'float64': return Float64Array.from({ length: count }, () => next() * 2 - 1);
    case 'float16': return Uint16Array.from({ length: count }, () => toFloat16Bits(next() * 2 - 1));
    case 'int8': return Int8Array.from({ length: count }, () => Math.floor(next() * 16));
    case 'uint8': return Uint8Array.from({ length: count }, () => Math.floor(next() * 256));
    case 'int16': return Int16Array.from({ length: count }, () => Math.floor(next() * 16));
    case 'uint16': return Uint16Array.from({ length: count }, () => Math.floor(next() * 16));
    case 'int32': return Int32Array.from({ length: count }, () => Math.floor(next() * 16));
    case 'uint32': return Uint32Array.from({ length: count }, () => Math.floor(next() * 16));
    case 'int64': return BigInt64Array.from({ length: count }, () => BigInt(Math.floor(next() * 16)));
    case 'uint64': return BigUint64Array.from({ length: count }, () => BigInt(Math.floor(next() * 16)));
    case 'bool': return Uint8Array.from({ length: count }, () => (next() < 0.5 ? 0 : 1));
  }
}

export interface InputBudget {
  /** Refuse a pool larger than this many bytes. Default: a quarter of the memory free now. */
  maxPoolBytes?: number;
  /** The flag that sets the number of sets, for the hint (parity's is --sets). */
  poolFlag?: string;
}

/**
 * Checks the pool's size before allocating anything: a typo such as `--dim batch=10000` should be a
 * message, not an out-of-memory crash that takes the app down.
 */
export function checkInputBudget(modelPath: string, inputs: readonly ConcreteInput[], poolSize: number, budget: InputBudget = {}): void {
  const limit = budget.maxPoolBytes ?? Math.floor(os.freemem() / 4);
  const perSet = inputs.reduce((sum, i) => sum + bytesOf(i), 0);
  const total = perSet * poolSize;
  const largest = [...inputs].sort((a, b) => bytesOf(b) - bytesOf(a))[0];
  const perTensorLimit = 2 ** 31 - 1; // typed-array and ONNX Runtime buffer limits on 32-bit sizes
  if (largest && bytesOf(largest) > perTensorLimit) {
    throw new LabError(
      'usage',
      `Input '${largest.name}' ${largest.dtype} ${shapeFlag(largest.shape)} of ${modelPath} would need ${formatBytes(bytesOf(largest))}, over the 2 GiB a single tensor may hold.`,
      'Check the values given with --dim / --shape; they set the workload size.',
    );
  }
  if (total > limit) {
    throw new LabError(
      'unavailable',
      `Inputs for ${modelPath} would need ${formatBytes(total)} (${poolSize} sets × ${formatBytes(perSet)}; largest '${largest?.name}' ${shapeFlag(largest?.shape ?? [])}), more than the ${formatBytes(limit)} edgelab allows itself here (a quarter of free memory).`,
      `Use smaller --dim / --shape values, or fewer distinct input sets with ${budget.poolFlag ?? '--input-pool'} N.`,
    );
  }
}

/** `poolSize` distinct, seeded input sets; set k uses seed + k so sets differ but runs repeat. */
export function synthesizeFeeds(inputs: readonly ConcreteInput[], seed: number, poolSize: number): Feeds[] {
  const pool: Feeds[] = [];
  for (let k = 0; k < poolSize; k++) {
    const next = mulberry32(seed * 7919 + k);
    const feeds: Feeds = {};
    for (const input of inputs) {
      const data = synthesizeData(input.dtype, elementCount(input.shape), next);
      feeds[input.name] = new ort.Tensor(input.dtype, data, input.shape);
    }
    pool.push(feeds);
  }
  return pool;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}
