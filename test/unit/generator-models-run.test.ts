import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelPath } from '../helpers/models.js';

// Each generated model must load and run in the real ONNX Runtime with inputs of its declared
// dtypes and shapes, and produce outputs of the declared shapes.

function floats(n: number, seed = 1): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed));
}

async function run(path: string, feeds: Record<string, ort.Tensor>): Promise<ort.InferenceSession.ReturnType> {
  const session = await ort.InferenceSession.create(path);
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

describe('generated models run in ONNX Runtime', () => {
  beforeAll(() => {
    // onnxruntime-node 1.30's binding reads a Float16Array as 0 bytes ("not enough space"), and
    // onnxruntime-common picks Float16Array for float16 whenever the global exists (Node 23+):
    // microsoft/onnxruntime#26791, fix pending in #32323. Its type check runs once, at the first
    // Tensor, so hiding the global for that one construction makes float16 tensors Uint16Array.
    const g = globalThis as { Float16Array?: unknown };
    const saved = g.Float16Array;
    delete g.Float16Array;
    new ort.Tensor('float32', [0], [1]);
    if (saved !== undefined) g.Float16Array = saved;
  });

  it('mobilenet-style: batch 2 in, a probability distribution per image out', async () => {
    const out = await run(await modelPath('mobilenet-style'), {
      input: new ort.Tensor('float32', floats(2 * 3 * 224 * 224), [2, 3, 224, 224]),
    });
    const probabilities = out['probabilities']!;
    expect(probabilities.dims).toEqual([2, 1000]);
    const data = probabilities.data as Float32Array;
    const firstRowSum = data.subarray(0, 1000).reduce((a, b) => a + b, 0);
    expect(firstRowSum).toBeCloseTo(1, 4);
  });

  it('tiny-classifier: 10 probabilities summing to 1', async () => {
    const out = await run(await modelPath('tiny-classifier'), {
      input: new ort.Tensor('float32', floats(3 * 32 * 32), [1, 3, 32, 32]),
    });
    const probabilities = out['probabilities']!;
    expect(probabilities.dims).toEqual([1, 10]);
    expect((probabilities.data as Float32Array).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('symbolic-dims: runs at any height, width and seq_len', async () => {
    const out = await run(await modelPath('symbolic-dims'), {
      image: new ort.Tensor('float32', floats(3 * 20 * 36), [1, 3, 20, 36]),
      tokens: new ort.Tensor('float32', floats(5 * 16), [5, 16]),
    });
    expect(out['features']!.dims).toEqual([1, 8]);
    expect(out['encoded']!.dims).toEqual([5, 16]);
  });

  it('lopsided: MatMul then Transpose gives [1024, 128]', async () => {
    const out = await run(await modelPath('lopsided'), {
      x: new ort.Tensor('float32', floats(128 * 512), [128, 512]),
    });
    expect(out['y']!.dims).toEqual([1024, 128]);
    expect((out['y']!.data as Float32Array).every((v) => v >= 0)).toBe(true);
  });

  it('multi-input: every input reaches an output', async () => {
    const dims = [2, 4];
    const out = await run(await modelPath('multi-input'), {
      x_float32: new ort.Tensor('float32', Float32Array.of(1, 1, 1, 1, 1, 1, 1, 1), dims),
      // float16 1.0 is 0x3c00.
      x_float16: new ort.Tensor('float16', new Uint16Array(8).fill(0x3c00), dims),
      x_int8: new ort.Tensor('int8', Int8Array.of(-1, -1, -1, -1, -1, -1, -1, -1), dims),
      x_uint8: new ort.Tensor('uint8', new Uint8Array(8).fill(2), dims),
      x_int32: new ort.Tensor('int32', new Int32Array(8).fill(3), dims),
      x_int64: new ort.Tensor('int64', new BigInt64Array(8).fill(4n), dims),
      mask: new ort.Tensor('bool', Uint8Array.of(1, 0, 1, 0, 1, 0, 1, 0), dims),
    });
    expect([...(out['sum']!.data as Float32Array)]).toEqual(Array(8).fill(1 + 1 - 1 + 2 + 3 + 4));
    expect([...(out['selected']!.data as Float32Array)]).toEqual([10, 1, 10, 1, 10, 1, 10, 1]);
    expect([...(out['int_sum']!.data as BigInt64Array)]).toEqual(Array(8).fill(7n));
    expect(out['half_product']!.type).toBe('float16');
  });
});
