/**
 * An fp16 ONNX model made fp32 by widening its weights: every float16 initializer and Constant
 * becomes float32 (exactly: every binary16 value is a binary32 value), Casts to float16 cast to
 * float32, and float16 value-infos, inputs and outputs say float32. The result has the fp16 model's
 * weights with fp32 arithmetic, so comparing the two measures activation precision only, not the
 * rounding of the weights (the original fp32 weights are not published).
 */
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema, TensorProto_DataType as DataType } from 'onnx-buf';
import type { GraphProto, TensorProto, ValueInfoProto } from 'onnx-buf';
import { fromFloat16Bits } from '../../core/inputs/float16.js';

function widenTensor(t: TensorProto): void {
  if (t.dataType !== DataType.FLOAT16) return;
  const count = t.dims.reduce((a, d) => a * Number(d), 1);
  const out = new Float32Array(count);
  if (t.rawData.length > 0) {
    const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
    for (let i = 0; i < count; i++) out[i] = fromFloat16Bits(view.getUint16(2 * i, true));
  } else {
    // Without raw_data, ONNX keeps float16 bits in int32_data, one value each.
    for (let i = 0; i < count; i++) out[i] = fromFloat16Bits(t.int32Data[i] ?? 0);
  }
  t.dataType = DataType.FLOAT;
  t.int32Data = [];
  t.rawData = new Uint8Array(out.buffer);
}

function widenValueInfo(v: ValueInfoProto): void {
  if (v.type?.value.case === 'tensorType' && v.type.value.value.elemType === DataType.FLOAT16) v.type.value.value.elemType = DataType.FLOAT;
}

function widenGraph(g: GraphProto): void {
  g.initializer.forEach(widenTensor);
  [...g.input, ...g.output, ...g.valueInfo].forEach(widenValueInfo);
  for (const node of g.node) {
    for (const a of node.attribute) {
      if (a.t) widenTensor(a.t);
      a.tensors.forEach(widenTensor);
      if (a.g) widenGraph(a.g);
      a.graphs.forEach(widenGraph);
      if (node.opType === 'Cast' && a.name === 'to' && a.i === BigInt(DataType.FLOAT16)) a.i = BigInt(DataType.FLOAT);
    }
  }
}

export async function widenFloat16Model(bytes: Uint8Array): Promise<Uint8Array> {
  const model = fromBinary(ModelProtoSchema, bytes);
  if (!model.graph) throw new Error('the model has no graph');
  widenGraph(model.graph);
  return toBinary(ModelProtoSchema, model);
}
