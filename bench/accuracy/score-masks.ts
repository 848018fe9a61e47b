/**
 * Saliency masks scored as a two-class segmentation (background, foreground) with the project's
 * decoder and mask metrics, image by image, for tests that look at one variant's masks directly.
 */
import type { LabelledImage, LabelledSet } from '../../core/api/labelled-set.js';
import { DecoderSpecSchema, type Prediction } from '../../core/api/predictions.js';
import { rleDecode } from '../../core/evaluate/coco/rle.js';
import { rleFromString } from '../../core/evaluate/coco/rle-string.js';
import { decodeOutputs } from '../../core/evaluate/decoders/decode.js';
import { imageGeometry } from '../../core/evaluate/decoders/geometry.js';
import type { DecoderOutputs } from '../../core/evaluate/decoders/tensors.js';
import { weightedMiou } from '../../core/evaluate/drop/count-metrics.js';
import { countMaskImage, type MaskImageCounts } from '../../core/evaluate/masks/mask-counts.js';
import { truthMask } from '../../core/evaluate/masks/mask-pixels.js';

const SALIENCY = DecoderSpecSchema.parse({ name: 'saliency' });

/** A mask prediction's classes (column-major RLEs, as COCO keeps them) as one row-major class index per pixel. */
export function predictedClasses(p: Extract<Prediction, { kind: 'mask' }>): Uint8Array {
  const out = new Uint8Array(p.width * p.height);
  for (const c of p.classes) {
    const columnMajor = rleDecode(rleFromString(c.rle.counts, p.height, p.width));
    for (let x = 0; x < p.width; x++) {
      for (let y = 0; y < p.height; y++) if (columnMajor[x * p.height + y]) out[y * p.width + x] = c.classIndex;
    }
  }
  return out;
}

/** One image's saliency output decoded onto the original image and counted against its mask. */
export async function scoreSaliency(set: LabelledSet, image: LabelledImage, outputs: DecoderOutputs, input: { width: number; height: number }): Promise<MaskImageCounts> {
  const geometry = imageGeometry({ width: image.width, height: image.height }, input, 'stretch');
  const prediction = decodeOutputs(SALIENCY, outputs, geometry);
  if (prediction.kind !== 'mask') throw new Error('the saliency decoder gave no mask');
  const truth = await truthMask(set, image);
  return countMaskImage({ imageId: image.id, file: image.file, width: image.width, truth: truth.values, predicted: predictedClasses(prediction) }, set.categories.length, set.ignoreValue);
}

const TWO_CLASSES = [{ id: 0, name: 'background' }, { id: 1, name: 'foreground' }];

/** mIoU (background and foreground) of one run's images under a weighting of them (all 1: the run itself). */
export function miouOf(images: readonly MaskImageCounts[], weights?: ArrayLike<number>): number {
  return weightedMiou(images, TWO_CLASSES, weights ?? new Float64Array(images.length).fill(1));
}
