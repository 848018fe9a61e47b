import { fromFloat16Bits, toFloat16Bits } from '../inputs/float16.js';
import { ort, type OrtTensor } from '../runtime/ort.js';

/** Any numeric tensor as float64 values, float16 bits decoded, so variants compare on one scale. */
export function tensorValues(tensor: OrtTensor): Float64Array {
  const data = tensor.data as ArrayLike<number | bigint>;
  const out = new Float64Array(data.length);
  const half = tensor.type === 'float16';
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i]);
    out[i] = half ? fromFloat16Bits(v) : v;
  }
  return out;
}

/**
 * The same values in the element type another model variant takes (an fp16 export takes float16
 * where the fp32 one takes float32); other types pass through unchanged.
 */
export function castFloatTensor(tensor: OrtTensor, to: string): OrtTensor {
  if (tensor.type === to) return tensor;
  if (to === 'float16' && (tensor.type === 'float32' || tensor.type === 'float64')) {
    return new ort.Tensor('float16', Uint16Array.from(tensor.data as Float32Array, toFloat16Bits), tensor.dims);
  }
  if (to === 'float32' && (tensor.type === 'float16' || tensor.type === 'float64')) {
    return new ort.Tensor('float32', Float32Array.from(tensorValues(tensor)), tensor.dims);
  }
  return tensor;
}
