/**
 * Saliency masks scored as a two-class segmentation (background, foreground) with the project's
 * decoder and mask metrics, and one run's mIoU drop against another's as a paired bootstrap over
 * images: each image's per-class tp/fp/fn pixel counts are kept, so a resample only re-sums them.
 */
import type { LabelledImage, LabelledSet } from '../../core/api/labelled-set.js';
import { DecoderSpecSchema, type Prediction } from '../../core/api/predictions.js';
import { rleDecode } from '../../core/evaluate/coco/rle.js';
import { rleFromString } from '../../core/evaluate/coco/rle-string.js';
import { decodeOutputs } from '../../core/evaluate/decoders/decode.js';
import { imageGeometry } from '../../core/evaluate/decoders/geometry.js';
import type { DecoderOutputs } from '../../core/evaluate/decoders/tensors.js';
import { maskColumns, maskScores as countMaskScores, weightedSums, type ImageCounts } from '../../core/evaluate/drop/count-metrics.js';
import { pairedBootstrap, type PairedDrop } from '../../core/evaluate/drop/paired-bootstrap.js';
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

function rows(images: readonly MaskImageCounts[], names: readonly string[]): ImageCounts {
  return {
    columns: maskColumns(names),
    rows: images.map((m) => names.flatMap((_, c) => [m.correct[c]!, m.predicted[c]! - m.correct[c]!, m.truth[c]! - m.correct[c]!])),
  };
}

/** mIoU of one run's images under a weighting of them (all 1: the run itself). */
export function miouOf(images: readonly MaskImageCounts[], classes: number, weights?: ArrayLike<number>): number {
  const names = Array.from({ length: classes }, (_, c) => String(c));
  return countMaskScores(names, weightedSums(rows(images, names), weights ?? new Float64Array(images.length).fill(1))).miou;
}

/** The variant's mIoU minus the reference's, with a 95 % paired bootstrap interval over images. */
export function miouDrop(reference: readonly MaskImageCounts[], variant: readonly MaskImageCounts[], classes: number, resamples = 1000): PairedDrop {
  if (reference.length !== variant.length) throw new Error('the two runs scored different images');
  return pairedBootstrap(reference.length, (w) => miouOf(reference, classes, w), (w) => miouOf(variant, classes, w), { resamples });
}
