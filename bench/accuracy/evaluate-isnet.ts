/**
 * The three ISNet variants on the composited set, through ONNX Runtime on the CPU: each image is
 * preprocessed as the package does, run, decoded by the saliency decoder and scored against its mask.
 */
import { readFile } from 'node:fs/promises';
import type { LabelledImage, LabelledSet } from '../../core/api/labelled-set.js';
import type { MaskImageCounts } from '../../core/evaluate/masks/mask-counts.js';
import { ort } from '../../core/runtime/ort.js';
import { ISNET_SIDE, isnetInput } from './isnet-run.js';
import { scoreSaliency } from './score-masks.js';

export interface VariantResult {
  images: MaskImageCounts[];
  /** session.run per image, ms (preprocessing and scoring excluded). */
  inferenceMs: number[];
}

/** `onAlpha` sees each image's raw output, for a check computed another way. */
export async function evaluateIsnet(modelFile: string, set: LabelledSet, threads = 2, onAlpha?: (image: LabelledImage, alpha: Float32Array) => Promise<void>): Promise<VariantResult> {
  const session = await ort.InferenceSession.create(modelFile, { intraOpNumThreads: threads, interOpNumThreads: 1 });
  try {
    const images: MaskImageCounts[] = [];
    const inferenceMs: number[] = [];
    for (const image of set.images) {
      const input = await isnetInput(await readFile(image.file), image.file);
      const t0 = performance.now();
      const out = await session.run({ input: new ort.Tensor('float32', input, [1, 3, ISNET_SIDE, ISNET_SIDE]) }, ['output']);
      inferenceMs.push(performance.now() - t0);
      const alpha = out['output']!;
      await onAlpha?.(image, alpha.data as Float32Array);
      images.push(await scoreSaliency(set, image, { output: { dims: alpha.dims, data: alpha.data as Float32Array } }, { width: ISNET_SIDE, height: ISNET_SIDE }));
    }
    return { images, inferenceMs };
  } finally {
    await session.release();
  }
}
