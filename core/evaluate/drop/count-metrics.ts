/**
 * Metrics that are functions of counts summed over images (pixels for masks, matched polygons for
 * text), so that any weighting of the images is scored by summing its rows: the bootstrap resamples
 * them without looking at a mask again.
 */

/** One row of counts per image, the same columns in each. */
export interface ImageCounts {
  columns: string[];
  /** images × columns, row-major. */
  rows: number[][];
}

export function weightedSums(counts: ImageCounts, weights: ArrayLike<number>): Float64Array {
  const sums = new Float64Array(counts.columns.length);
  counts.rows.forEach((row, i) => {
    const w = weights[i] as number;
    if (w === 0) return;
    for (let j = 0; j < row.length; j++) sums[j] = (sums[j] as number) + w * (row[j] as number);
  });
  return sums;
}

/** Per class c, the columns `tp:c`, `fp:c`, `fn:c` in pixels; classes are read off the column names. */
export function maskColumns(classes: readonly string[]): string[] {
  return classes.flatMap((c) => [`tp:${c}`, `fp:${c}`, `fn:${c}`]);
}

export interface MaskScores {
  miou: number;
  dice: number;
  pixelAccuracy: number;
  perClass: Array<{ name: string; iou: number | null; dice: number | null }>;
}

/**
 * mIoU and Dice: the mean over classes present in the ground truth or the prediction (IoU of a class
 * absent from both is undefined, not 1); pixel accuracy: pixels whose class is right over all pixels.
 * Counts are summed over the dataset before dividing, as mmsegmentation and torchmetrics do.
 */
export function maskScores(classes: readonly string[], sums: ArrayLike<number>): MaskScores {
  let correct = 0;
  let labelled = 0;
  const perClass = classes.map((name, c) => {
    const tp = sums[3 * c] as number;
    const fp = sums[3 * c + 1] as number;
    const fn = sums[3 * c + 2] as number;
    correct += tp;
    labelled += tp + fn;
    const union = tp + fp + fn;
    return { name, iou: union > 0 ? tp / union : null, dice: union > 0 ? (2 * tp) / (2 * tp + fp + fn) : null };
  });
  const mean = (v: (number | null)[]) => {
    const kept = v.filter((x): x is number => x !== null);
    return kept.length === 0 ? -1 : kept.reduce((s, x) => s + x, 0) / kept.length;
  };
  return { miou: mean(perClass.map((c) => c.iou)), dice: mean(perClass.map((c) => c.dice)), pixelAccuracy: labelled > 0 ? correct / labelled : -1, perClass };
}

export const TEXT_COLUMNS = ['tp', 'fp', 'fn'] as const;

export interface TextScores {
  precision: number;
  recall: number;
  hmean: number;
}

/**
 * ICDAR 2015: precision over the detections that do not cover a don't-care region, recall over the
 * cared-for words, hmean their harmonic mean (0 when both are 0). Each image's row is its matched
 * words (tp), unmatched cared detections (fp) and missed cared words (fn).
 */
export function textScores(sums: ArrayLike<number>): TextScores {
  const tp = sums[0] as number;
  const fp = sums[1] as number;
  const fn = sums[2] as number;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return { precision, recall, hmean: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}
