import { fromBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema, TensorProto_DataType as DataType } from 'onnx-buf';
import { describe, expect, it } from 'vitest';
import { widenFloat16Model } from '../../bench/accuracy/widen-fp16.js';
import { fromFloat16Bits, toFloat16Bits } from '../../core/inputs/float16.js';
import { ort } from '../../core/runtime/ort.js';
import { attr, ModelBuilder, tensorProto } from '../../models/onnx-builder.js';

/**
 * The fp32 ISNet reference is made by widening the fp16 model's weights (bench/accuracy). Checked
 * here on a generated model shaped as that export is: float32 input cast to float16, fp16 weights
 * and a float16 Constant, and the output cast back to float32.
 */
function fp16Model(): Uint8Array {
  const b = new ModelBuilder({ graphName: 'fp16', seed: 3 });
  const x = b.input('input', 'float32', [1, 2, 4, 4]);
  const half = b.node('Cast', [x], 'input_half', { attributes: { to: attr.int(DataType.FLOAT16) } });
  const w = b.randomInitializer('w', [3, 2, 3, 3], { dtype: 'float16' });
  const conv = b.node('Conv', [half, w], 'conv', { attributes: { pads: attr.ints([1, 1, 1, 1]) } });
  const shift = b.node('Constant', [], 'shift', { attributes: { value: attr.tensor(tensorProto('shift', 'float16', [1], [0.125])) } });
  const added = b.node('Add', [conv, shift], 'added');
  b.node('Cast', [added], 'output', { attributes: { to: attr.int(DataType.FLOAT) } });
  b.output('output', 'float32', [1, 3, 4, 4]);
  return b.toBytes();
}

describe('widening an fp16 model to fp32', () => {
  it('keeps every weight\'s value exactly, as float32, and casts to float32 where the model cast to float16', async () => {
    const before = fromBinary(ModelProtoSchema, fp16Model());
    const after = fromBinary(ModelProtoSchema, await widenFloat16Model(fp16Model()));
    const w0 = before.graph!.initializer[0]!;
    const w1 = after.graph!.initializer[0]!;
    expect(w1.dataType).toBe(DataType.FLOAT);
    const half = new DataView(w0.rawData.buffer, w0.rawData.byteOffset, w0.rawData.byteLength);
    const full = new DataView(w1.rawData.buffer, w1.rawData.byteOffset, w1.rawData.byteLength);
    for (let i = 0; i < 54; i++) expect(full.getFloat32(4 * i, true)).toBe(fromFloat16Bits(half.getUint16(2 * i, true)));
    const casts = after.graph!.node.filter((n) => n.opType === 'Cast').map((n) => Number(n.attribute[0]!.i));
    expect(casts).toEqual([DataType.FLOAT, DataType.FLOAT]);
    expect(after.graph!.node.find((n) => n.opType === 'Constant')!.attribute[0]!.t!.dataType).toBe(DataType.FLOAT);
  });

  it('runs in ONNX Runtime and agrees with the fp16 model to fp16 precision', async () => {
    const input = Float32Array.from({ length: 32 }, (_, i) => fromFloat16Bits(toFloat16Bits(Math.cos(i))));
    const run = async (bytes: Uint8Array) => {
      const session = await ort.InferenceSession.create(bytes);
      const out = await session.run({ input: new ort.Tensor('float32', input, [1, 2, 4, 4]) });
      await session.release();
      return out['output']!.data as Float32Array;
    };
    const half = await run(fp16Model());
    const full = await run(await widenFloat16Model(fp16Model()));
    full.forEach((v, i) => expect(Math.abs(v - half[i]!)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -9 + 2 ** -12));
  });
});
