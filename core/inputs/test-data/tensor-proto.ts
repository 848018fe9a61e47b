import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { TensorProto_DataLocation as DataLocation, TensorProtoSchema } from 'onnx-buf';
import type { TensorProto } from 'onnx-buf';
import { LabError } from '../../api/errors.js';
import { dataTypeCode, dtypeName } from '../../model/dtypes.js';
import { ort, type OrtTensor } from '../../runtime/ort.js';
import { synthesizableDtypes, type SynthDtype } from '../dtypes.js';
import type { TensorData } from '../synthetic.js';

/** A tensor as a .pb file holds it: its name (may be empty) and its value. */
export interface NamedTensor {
  name: string;
  tensor: OrtTensor;
}

const arrayFor: Record<SynthDtype, new (buffer: ArrayBuffer) => TensorData> = {
  float32: Float32Array, float16: Uint16Array, float64: Float64Array, int8: Int8Array, uint8: Uint8Array,
  int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array, int64: BigInt64Array,
  uint64: BigUint64Array, bool: Uint8Array,
};

/**
 * Decodes a serialized ONNX TensorProto (an `input_K.pb` / `output_K.pb`) into an ONNX Runtime
 * tensor. Values come from raw_data (little-endian, as the spec fixes it) or from the typed fields
 * onnx's numpy_helper writes for small tensors.
 */
export function decodeTensorProto(bytes: Uint8Array, file: string): NamedTensor {
  let proto: TensorProto;
  try {
    proto = fromBinary(TensorProtoSchema, bytes);
  } catch (e) {
    throw new LabError('input', `${file} is not a serialized ONNX TensorProto: ${e instanceof Error ? e.message : String(e)}.`, 'Test-data files are written by onnx.numpy_helper.from_array(...).SerializeToString() or `edgelab eval --save-expected`.', { cause: e });
  }
  const dtype = dtypeName(proto.dataType);
  if (proto.dataLocation === DataLocation.EXTERNAL) {
    throw new LabError('input', `${file}: tensor '${proto.name}' keeps its data in an external file, which test-data sets do not use.`, 'Save the tensor with its data inline (raw_data).');
  }
  if (!Object.hasOwn(synthesizableDtypes, dtype)) {
    throw new LabError('input', `${file}: tensor '${proto.name}' has element type ${dtype}, which edgelab cannot feed to ONNX Runtime.`, 'Supported: float32, float16, float64, int8/16/32/64, uint8/16/32/64, bool.');
  }
  const dims = proto.dims.map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  const data = valuesOf(proto, dtype as SynthDtype, count, file);
  return { name: proto.name, tensor: new ort.Tensor(dtype as SynthDtype, data, dims) };
}

function valuesOf(proto: TensorProto, dtype: SynthDtype, count: number, file: string): TensorData {
  const width = synthesizableDtypes[dtype];
  const Typed = arrayFor[dtype];
  if (proto.rawData.byteLength > 0) {
    if (proto.rawData.byteLength !== count * width) {
      throw new LabError('input', `${file}: tensor '${proto.name}' ${dtype} [${proto.dims.join(', ')}] needs ${count * width} bytes of raw_data but has ${proto.rawData.byteLength}.`, 'The file is truncated or its dims are wrong; write it again.');
    }
    // Copy into an aligned buffer; the wire bytes may start at any offset.
    return new Typed(proto.rawData.slice().buffer);
  }
  const typed: ArrayLike<number | bigint> =
    dtype === 'float32' ? proto.floatData
    : dtype === 'float64' ? proto.doubleData
    : dtype === 'int64' ? proto.int64Data
    : dtype === 'uint64' || dtype === 'uint32' ? proto.uint64Data
    : proto.int32Data;
  if (typed.length !== count) {
    throw new LabError('input', `${file}: tensor '${proto.name}' ${dtype} [${proto.dims.join(', ')}] holds ${typed.length} values, not ${count}.`, 'The file is truncated or its dims are wrong; write it again.');
  }
  const out = new Typed(new ArrayBuffer(count * width));
  for (let i = 0; i < count; i++) {
    const v = typed[i] as number | bigint;
    (out as unknown as (number | bigint)[])[i] = out instanceof BigInt64Array || out instanceof BigUint64Array ? BigInt(v) : Number(v);
  }
  return out;
}

/** Serializes a tensor as a TensorProto with raw_data, the form onnx's numpy_helper writes. */
export function encodeTensorProto(name: string, tensor: OrtTensor): Uint8Array {
  const dtype = tensor.type as SynthDtype;
  if (!Object.hasOwn(synthesizableDtypes, dtype)) {
    throw new LabError('input', `Tensor '${name}' has type ${tensor.type}, which edgelab does not write to test-data files.`);
  }
  const data = tensor.data as TensorData;
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new LabError('unavailable', 'Writing test-data on a big-endian machine is not supported.');
  }
  return toBinary(TensorProtoSchema, create(TensorProtoSchema, {
    name,
    dims: tensor.dims.map((d) => BigInt(d)),
    dataType: dataTypeCode(dtype),
    rawData: raw,
  }));
}
