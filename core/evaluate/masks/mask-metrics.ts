/**
 * Segmentation scores from summed pixel counts, by mmsegmentation's rules (`total_area_to_metrics`):
 *   IoU_c  = correct_c / (truth_c + predicted_c − correct_c)
 *   Dice_c = 2·correct_c / (truth_c + predicted_c)
 *   Acc_c  = correct_c / truth_c
 *   pixel accuracy (aAcc) = Σ correct / Σ truth, over pixels that are not ignored.
 * A class that neither the truth nor the prediction holds anywhere in the set has no IoU or Dice
 * (0/0); mIoU and mDice are the means over the classes that have one, i.e. the classes present in
 * the truth or the prediction (mmseg's nanmean). mAcc is the mean over classes present in the truth.
 */
import type { LabelCategory } from '../../api/labelled-set.js';
import type { MaskImageCounts } from './mask-counts.js';

export interface MaskClassScore {
  id: number;
  name: string;
  truthPixels: number;
  predictedPixels: number;
  /** null where the class is in neither truth nor prediction (or, for accuracy, not in the truth). */
  iou: number | null;
  dice: number | null;
  accuracy: number | null;
}

export interface MaskScores {
  miou: number;
  mdice: number;
  macc: number;
  pixelAccuracy: number;
  /** Classes that entered mIoU (present in truth or prediction). */
  classesScored: number;
  images: number;
  /** Pixels that counted (the truth's ignore value excluded). */
  pixels: number;
  classes: MaskClassScore[];
}

export function sumMaskCounts(images: readonly MaskImageCounts[], classCount: number): Omit<MaskImageCounts, 'imageId'> {
  const sum = { truth: new Array<number>(classCount).fill(0), predicted: new Array<number>(classCount).fill(0), correct: new Array<number>(classCount).fill(0) };
  for (const image of images) {
    for (let c = 0; c < classCount; c++) {
      sum.truth[c]! += image.truth[c] ?? 0;
      sum.predicted[c]! += image.predicted[c] ?? 0;
      sum.correct[c]! += image.correct[c] ?? 0;
    }
  }
  return sum;
}

function mean(values: readonly (number | null)[]): number {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? Number.NaN : present.reduce((a, b) => a + b, 0) / present.length;
}

/** `categories[i]` names class index i (the labelled set's categories, ids 0 to C−1). */
export function maskScores(images: readonly MaskImageCounts[], categories: readonly LabelCategory[]): MaskScores {
  const { truth, predicted, correct } = sumMaskCounts(images, categories.length);
  const classes = categories.map((category, c): MaskClassScore => {
    const t = truth[c]!;
    const p = predicted[c]!;
    const i = correct[c]!;
    return {
      id: category.id,
      name: category.name,
      truthPixels: t,
      predictedPixels: p,
      iou: t + p === 0 ? null : i / (t + p - i),
      dice: t + p === 0 ? null : (2 * i) / (t + p),
      accuracy: t === 0 ? null : i / t,
    };
  });
  const pixels = truth.reduce((a, b) => a + b, 0);
  return {
    miou: mean(classes.map((c) => c.iou)),
    mdice: mean(classes.map((c) => c.dice)),
    macc: mean(classes.map((c) => c.accuracy)),
    pixelAccuracy: pixels === 0 ? Number.NaN : correct.reduce((a, b) => a + b, 0) / pixels,
    classesScored: classes.filter((c) => c.iou !== null).length,
    images: images.length,
    pixels,
    classes,
  };
}
