/**
 * An accuracy pass's figures from the decoded predictions and the labelled set: COCO's 12 stats and
 * per-class AP through the COCOeval port, mIoU/Dice/pixel accuracy for masks, ICDAR 2015
 * precision/recall/hmean for text; and each image's part of them, for the side file.
 */
import { LabError } from '../../api/errors.js';
import type { LabelledSet } from '../../api/labelled-set.js';
import type { ImagePredictions } from '../../api/predictions.js';
import { evaluateCoco, STAT_NAMES } from '../coco/coco-eval.js';
import { rleDecode } from '../coco/rle.js';
import { rleFromString } from '../coco/rle-string.js';
import { cocoImageMatches } from '../drop/coco-image-matches.js';
import type { TextImageCounts } from '../drop/count-metrics.js';
import { countMaskImage, type MaskImageCounts } from '../masks/mask-counts.js';
import { maskScores } from '../masks/mask-metrics.js';
import { truthMask } from '../masks/mask-pixels.js';
import { matchTextImage, textScores } from '../text/icdar-eval.js';
import { groundTruthOf, resultsOf } from './coco-from-labels.js';
import type { PerImageResults } from './per-image-file.js';
import { detectionPictures, maskPicture, prCurves, textPicture } from './pictures.js';

export type PassMetrics =
  | { kind: 'coco'; iouType: 'bbox' | 'segm'; stats: Record<string, number>; classes: Array<{ categoryId: number; name: string; objects: number; detections: number; ap: number; ap50: number; ar100: number }> }
  | { kind: 'masks'; miou: number; dice: number; pixelAccuracy: number; classes: Array<{ name: string; iou: number | null; dice: number | null; accuracy: number | null }> }
  | { kind: 'text'; precision: number; recall: number; hmean: number; matched: number; truthCared: number; detectionsCared: number };

export interface PassScores {
  metrics: PassMetrics;
  perImage: Omit<PerImageResults, 'set' | 'images'>;
  warnings: string[];
}

export function scoreDetections(set: LabelledSet, predictions: readonly ImagePredictions[], categoryOf: (classIndex: number) => number | null): PassScores {
  const gt = groundTruthOf(set);
  const segm = predictions.some((p) => p.prediction.kind === 'detections' && p.prediction.detections.some((d) => d.mask)) && gt.annotations.some((a) => a.segmentation !== undefined);
  const { results, dropped } = resultsOf(predictions, categoryOf, gt, segm);
  const iouType = segm ? 'segm' : 'bbox';
  const e = evaluateCoco(gt, results, iouType);
  const stats = Object.fromEntries(STAT_NAMES.map((n) => [n, e.stats[n]]));
  const warnings = [...e.warnings];
  if (dropped > 0) warnings.push(`${dropped} detection${dropped === 1 ? '' : 's'} of placeholder classes (no labelled category) were left out.`);
  return {
    metrics: { kind: 'coco', iouType, stats, classes: e.categories.map((c) => ({ categoryId: c.categoryId, name: c.name, objects: c.objects, detections: c.detections, ap: c.ap, ap50: c.ap50, ar100: c.ar100 })) },
    perImage: { task: 'detections', coco: cocoImageMatches(e, set.images.map((im) => im.id)), pictures: detectionPictures(set, predictions, categoryOf), curves: prCurves(e) },
    warnings,
  };
}

/** The decoded class masks as one class index per pixel, row-major; pixels no class covers stay background (0). */
function predictedPixels(p: ImagePredictions, classOf: (classIndex: number) => number | null): Uint8Array {
  const out = new Uint8Array(p.width * p.height);
  if (p.prediction.kind !== 'mask') return out;
  for (const c of p.prediction.classes) {
    const index = classOf(c.classIndex);
    if (index === null) continue;
    // COCO's RLE runs down columns.
    const columnMajor = rleDecode(rleFromString(c.rle.counts, p.height, p.width));
    for (let x = 0; x < p.width; x++) for (let y = 0; y < p.height; y++) if (columnMajor[x * p.height + y]) out[y * p.width + x] = index;
  }
  return out;
}

export async function scoreMasks(set: LabelledSet, predictions: readonly ImagePredictions[], classOf: (classIndex: number) => number | null): Promise<PassScores> {
  const counts: MaskImageCounts[] = [];
  const pictures: PerImageResults['pictures'] = [];
  const categoryIds = set.categories.map((c) => c.id);
  for (const [i, image] of set.images.entries()) {
    const truth = await truthMask(set, image);
    const p = predictions[i] as ImagePredictions;
    const predicted = predictedPixels(p, classOf);
    counts.push(countMaskImage({ imageId: image.id, file: image.file, width: image.width, truth: truth.values, predicted }, set.categories.length, set.ignoreValue));
    pictures.push(maskPicture(image.width, image.height, truth.values, predicted, categoryIds, set.ignoreValue));
  }
  const s = maskScores(counts, set.categories);
  return {
    metrics: { kind: 'masks', miou: s.miou, dice: s.mdice, pixelAccuracy: s.pixelAccuracy, classes: s.classes.map((c) => ({ name: c.name, iou: c.iou, dice: c.dice, accuracy: c.accuracy })) },
    perImage: { task: 'mask', masks: counts, pictures },
    warnings: [],
  };
}

export function scoreText(set: LabelledSet, predictions: readonly ImagePredictions[]): PassScores {
  const matches = set.images.map((image, i) => {
    const p = predictions[i] as ImagePredictions;
    if (p.prediction.kind !== 'text') throw new LabError('input', `The decoder gave ${p.prediction.kind} for ${image.file}, not text regions.`, 'Choose the dbnet decoder for a text set.');
    return matchTextImage(image.id, image.texts, p.prediction.regions, image.file);
  });
  const s = textScores(matches);
  const pictures = set.images.map((image, i) => {
    const p = predictions[i] as ImagePredictions;
    return textPicture(image.width, image.height, image.texts, p.prediction.kind === 'text' ? p.prediction.regions : [], matches[i] as (typeof matches)[number]);
  });
  const text: TextImageCounts[] = matches.map((m) => ({ imageId: m.imageId, truthCared: m.truthCared, detectionsCared: m.detectionsCared, matched: m.matched }));
  return {
    metrics: { kind: 'text', precision: s.precision, recall: s.recall, hmean: s.hmean, matched: s.matched, truthCared: s.truthCared, detectionsCared: s.detectionsCared },
    perImage: { task: 'text', text, pictures },
    warnings: [],
  };
}
