import { TensorProto_DataType as DataType } from './onnx-proto.js';
import type { TensorDtype } from '../api/model-info.js';

/**
 * ONNX TensorProto.DataType ↔ the lab's dtype names, and how many bits one element takes.
 * Sub-byte types (int4, uint4, float4e2m1, int2, uint2) are packed, so sizes are in bits.
 */
interface DtypeEntry {
  name: TensorDtype;
  bits: number;
}

const entries: Partial<Record<DataType, DtypeEntry>> = {
  [DataType.FLOAT]: { name: 'float32', bits: 32 },
  [DataType.UINT8]: { name: 'uint8', bits: 8 },
  [DataType.INT8]: { name: 'int8', bits: 8 },
  [DataType.UINT16]: { name: 'uint16', bits: 16 },
  [DataType.INT16]: { name: 'int16', bits: 16 },
  [DataType.INT32]: { name: 'int32', bits: 32 },
  [DataType.INT64]: { name: 'int64', bits: 64 },
  // Strings have no fixed size; their bytes are the sum of the stored strings.
  [DataType.STRING]: { name: 'string', bits: 0 },
  [DataType.BOOL]: { name: 'bool', bits: 8 },
  [DataType.FLOAT16]: { name: 'float16', bits: 16 },
  [DataType.DOUBLE]: { name: 'float64', bits: 64 },
  [DataType.UINT32]: { name: 'uint32', bits: 32 },
  [DataType.UINT64]: { name: 'uint64', bits: 64 },
  [DataType.COMPLEX64]: { name: 'complex64', bits: 64 },
  [DataType.COMPLEX128]: { name: 'complex128', bits: 128 },
  [DataType.BFLOAT16]: { name: 'bfloat16', bits: 16 },
  [DataType.FLOAT8E4M3FN]: { name: 'float8e4m3fn', bits: 8 },
  [DataType.FLOAT8E4M3FNUZ]: { name: 'float8e4m3fnuz', bits: 8 },
  [DataType.FLOAT8E5M2]: { name: 'float8e5m2', bits: 8 },
  [DataType.FLOAT8E5M2FNUZ]: { name: 'float8e5m2fnuz', bits: 8 },
  [DataType.UINT4]: { name: 'uint4', bits: 4 },
  [DataType.INT4]: { name: 'int4', bits: 4 },
  [DataType.FLOAT4E2M1]: { name: 'float4e2m1', bits: 4 },
  // Newer than the contract's dtype list: sized correctly, named 'unknown'.
  [DataType.FLOAT8E8M0]: { name: 'unknown', bits: 8 },
  [DataType.UINT2]: { name: 'unknown', bits: 2 },
  [DataType.INT2]: { name: 'unknown', bits: 2 },
};

const byName = new Map<TensorDtype, DataType>();
for (const [code, entry] of Object.entries(entries)) {
  if (entry.name !== 'unknown') byName.set(entry.name, Number(code) as DataType);
}

/** The lab's name for an ONNX element type code; 'unknown' for codes this build does not know. */
export function dtypeName(dataType: number): TensorDtype {
  return entries[dataType as DataType]?.name ?? 'unknown';
}

/** Bits per element, 0 for strings and unknown codes. */
export function bitsPerElement(dataType: number): number {
  return entries[dataType as DataType]?.bits ?? 0;
}

/** The ONNX element type code for a dtype name. */
export function dataTypeCode(dtype: TensorDtype): DataType {
  const code = byName.get(dtype);
  if (code === undefined) throw new RangeError(`No ONNX element type for dtype '${dtype}'`);
  return code;
}

/** Bytes needed for `count` packed elements of this type (sub-byte types round up). */
export function packedBytes(dataType: number, count: number): number {
  return Math.ceil((count * bitsPerElement(dataType)) / 8);
}
