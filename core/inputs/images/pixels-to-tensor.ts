import type { ImagesInputs } from '../../api/run-spec.js';
import { toFloat16Bits } from '../float16.js';

export type ImageTensorData = Float32Array | Uint16Array | Uint8Array;

/** The normalisation half of the preprocessing: what happens to pixels after resizing. */
export type PixelTransform = Pick<ImagesInputs, 'channelOrder' | 'layout' | 'scale' | 'mean' | 'std' | 'dtype'>;

/**
 * Interleaved RGB bytes (height × width × 3, as sharp's raw output) → one image's tensor data in the
 * requested layout and channel order, written into `out` at `offset` so a batch fills one buffer.
 * float: (p × scale − mean[c]) / std[c], per output channel; uint8: the pixels as they are.
 */
export function pixelsToTensor(
  rgb: Uint8Array,
  height: number,
  width: number,
  t: PixelTransform,
  out: ImageTensorData = allocate(t.dtype, height * width * 3),
  offset = 0,
): ImageTensorData {
  const plane = height * width;
  // Output channel c reads source channel order[c]; mean/std are given in output channel order.
  const order = t.channelOrder === 'rgb' ? [0, 1, 2] : [2, 1, 0];
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) {
      const pixel = rgb[p * 3 + (order[c] ?? c)] ?? 0;
      const at = offset + (t.layout === 'nchw' ? c * plane + p : p * 3 + c);
      if (t.dtype === 'uint8') out[at] = pixel;
      else {
        const v = (pixel * t.scale - (t.mean[c] ?? 0)) / (t.std[c] ?? 1);
        out[at] = t.dtype === 'float16' ? toFloat16Bits(v) : v;
      }
    }
  }
  return out;
}

export function allocate(dtype: ImagesInputs['dtype'], count: number): ImageTensorData {
  return dtype === 'float32' ? new Float32Array(count) : dtype === 'float16' ? new Uint16Array(count) : new Uint8Array(count);
}
