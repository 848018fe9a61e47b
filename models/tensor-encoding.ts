import type { TensorDtype } from '../core/api/model-info.js';

/** Element types the builder can write as raw_data. */
export type BuilderDtype =
  | 'float32' | 'float64' | 'float16' | 'bfloat16'
  | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'bool';

const byteWidth: Record<BuilderDtype, number> = {
  float32: 4, float64: 8, float16: 2, bfloat16: 2,
  int8: 1, uint8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, int64: 8, uint64: 8, bool: 1,
};

export function isBuilderDtype(dtype: TensorDtype): dtype is BuilderDtype {
  return dtype in byteWidth;
}

export function elementBytes(dtype: BuilderDtype): number {
  return byteWidth[dtype];
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 half precision bits of a number, rounded to nearest even (what numpy's astype does). */
export function float16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0] ?? 0;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const midpoint = 1 << (shift - 1);
    if (rest > midpoint || (rest === midpoint && (half & 1))) half++;
    return sign | half;
  }
  let half = sign | (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1))) half++;
  return half;
}

/** bfloat16 bits: the top half of the float32, rounded to nearest even. */
export function bfloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0] ?? 0;
  if ((x & 0x7f800000) === 0x7f800000 && x & 0x7fffff) return (x >>> 16) | 0x40;
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}

/**
 * Encode values as ONNX raw_data: little-endian whatever the host is, as the ONNX spec requires.
 */
export function encodeRaw(dtype: BuilderDtype, values: ArrayLike<number> | readonly bigint[]): Uint8Array<ArrayBuffer> {
  const width = byteWidth[dtype];
  const bytes = new Uint8Array(values.length * width);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    const at = i * width;
    switch (dtype) {
      case 'float32': view.setFloat32(at, Number(v), true); break;
      case 'float64': view.setFloat64(at, Number(v), true); break;
      case 'float16': view.setUint16(at, float16Bits(Number(v)), true); break;
      case 'bfloat16': view.setUint16(at, bfloat16Bits(Number(v)), true); break;
      case 'int8': view.setInt8(at, Number(v)); break;
      case 'uint8': view.setUint8(at, Number(v)); break;
      case 'bool': view.setUint8(at, v ? 1 : 0); break;
      case 'int16': view.setInt16(at, Number(v), true); break;
      case 'uint16': view.setUint16(at, Number(v), true); break;
      case 'int32': view.setInt32(at, Number(v), true); break;
      case 'uint32': view.setUint32(at, Number(v), true); break;
      case 'int64': view.setBigInt64(at, BigInt(v), true); break;
      case 'uint64': view.setBigUint64(at, BigInt(v), true); break;
    }
  }
  return bytes;
}
