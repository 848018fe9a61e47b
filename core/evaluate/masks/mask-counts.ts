/**
 * Per-image pixel counts of a segmentation, the confusion-matrix entries every mask metric needs:
 * for each class, the pixels it covers in the truth, in the prediction, and in both. Kept per image
 * so that a paired bootstrap over images only re-sums them; the set's full confusion matrix is
 * accumulated beside them when asked. Pixels whose truth is the ignore value count for nothing, as
 * in mmsegmentation (`mask = label != ignore_index`).
 */
import { LabError } from '../../api/errors.js';

export interface MaskImageCounts {
  imageId: number;
  /** Per class index: truth pixels (ignored ones excluded). */
  truth: number[];
  /** Per class index: predicted pixels where the truth is not ignored. */
  predicted: number[];
  /** Per class index: pixels both call this class (the confusion matrix's diagonal). */
  correct: number[];
}

/** The set's confusion matrix: row = true class, column = predicted class, row-major. */
export interface MaskConfusion {
  classCount: number;
  counts: Float64Array;
}

export function emptyConfusion(classCount: number): MaskConfusion {
  return { classCount, counts: new Float64Array(classCount * classCount) };
}

export interface MaskPair {
  imageId: number;
  /** Where the image is, for messages. */
  file: string;
  width: number;
  /** Class index per pixel, row-major; `ignoreValue` where the truth says nothing. */
  truth: ArrayLike<number>;
  predicted: ArrayLike<number>;
}

export function countMaskImage(pair: MaskPair, classCount: number, ignoreValue: number | null, confusion?: MaskConfusion): MaskImageCounts {
  const { truth, predicted } = pair;
  if (truth.length !== predicted.length) {
    throw new LabError('input', `The predicted mask of ${pair.file} has ${predicted.length} pixels, its truth ${truth.length}.`, 'The decoder must give one class per pixel of the original image.');
  }
  const t0 = new Float64Array(classCount);
  const p0 = new Float64Array(classCount);
  const c0 = new Float64Array(classCount);
  const matrix = confusion?.counts;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] as number;
    if (t === ignoreValue) continue;
    const p = predicted[i] as number;
    if (!(p >= 0 && p < classCount && Number.isInteger(p))) {
      throw new LabError('input', `The predicted mask of ${pair.file} has class ${p} at pixel (${i % pair.width}, ${Math.floor(i / pair.width)}); the labels have ${classCount} classes (0 to ${classCount - 1}).`, 'Choose the decoder and classes file that match the model\'s output channels.');
    }
    t0[t] = t0[t]! + 1;
    p0[p] = p0[p]! + 1;
    if (t === p) c0[t] = c0[t]! + 1;
    if (matrix) matrix[t * classCount + p] = matrix[t * classCount + p]! + 1;
  }
  return { imageId: pair.imageId, truth: [...t0], predicted: [...p0], correct: [...c0] };
}
