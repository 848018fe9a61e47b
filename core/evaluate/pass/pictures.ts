/**
 * What the side file keeps for pictures of an accuracy pass: each image's ground truth and the
 * predictions a picture shows (score at least DISPLAY_SCORE_THRESHOLD), each marked as the COCOeval
 * port matches them at IoU 0.5 (over all areas); text as the ICDAR 2015 matching pairs it; mask
 * pixels split into true, false and missed per class. Worked out once at the pass, so a viewer reads
 * marks and never scores again. And the per-class PR curves, from the pass's own evaluation.
 */
import type { PictureBox, PictureMask, PicturePolygon, PrCurve, StoredPicture } from '../../api/accuracy-images.js';
import type { LabelledSet } from '../../api/labelled-set.js';
import { DISPLAY_SCORE_THRESHOLD, type ImagePredictions } from '../../api/predictions.js';
import { evaluateCoco, prCurve, type CocoEvaluation } from '../coco/coco-eval.js';
import type { CocoObject } from '../coco/dataset.js';
import { rleEncode } from '../coco/rle.js';
import { rleToString } from '../coco/rle-string.js';
import type { TextImageMatch } from '../text/icdar-eval.js';
import { groundTruthOf, resultsOf } from './coco-from-labels.js';

/** The IoU at which a picture calls a prediction a true positive (COCO's AP50 threshold). */
export const PICTURE_IOU = 0.5;

const box = (o: CocoObject): [number, number, number, number] => [o.bbox[0] ?? 0, o.bbox[1] ?? 0, o.bbox[2] ?? 0, o.bbox[3] ?? 0];

/** Boxes of every image, matched by the COCOeval port on the shown predictions alone. */
export function detectionPictures(set: LabelledSet, predictions: readonly ImagePredictions[], categoryOf: (classIndex: number) => number | null): StoredPicture[] {
  const gt = groundTruthOf(set);
  // Matching is greedy from the best score down, so dropping the predictions below the display
  // threshold changes no match among those kept: these marks are the pass's own at IoU 0.5.
  const shown = predictions.map((p) => (p.prediction.kind === 'detections' ? { ...p, prediction: { ...p.prediction, detections: p.prediction.detections.filter((d) => d.score >= DISPLAY_SCORE_THRESHOLD) } } : p));
  const { results } = resultsOf(shown, categoryOf, gt, false);
  const e = evaluateCoco(gt, results, 'bbox');
  const t = e.params.iouThrs.findIndex((v) => Math.abs(v - PICTURE_IOU) < 1e-12);
  const all = Math.max(0, e.params.areaRanges.findIndex((r) => r.label === 'all'));
  const gtStatus = new Map<number, PictureBox['status']>();
  const dtStatus = new Map<number, PictureBox['status']>();
  for (const m of e.matches) {
    const c = m.images;
    const a = m.areas[all];
    if (!a) continue;
    const ND = c.dtIds.length;
    const NG = c.gtIds.length;
    c.gtIds.forEach((id, g) => gtStatus.set(id, a.gtIgnore[g] ? 'ignored' : (a.gtMatch[t * NG + g] as number) >= 0 ? 'tp' : 'missed'));
    c.dtIds.forEach((id, d) => {
      const g = a.dtMatch[t * ND + d] as number;
      dtStatus.set(id, g < 0 || c.gtIds[g] === 0 ? 'fp' : a.gtIgnore[g] ? 'ignored' : 'tp');
    });
  }
  const index = new Map(set.images.map((im, i) => [im.id, i]));
  const pictures: StoredPicture[] = set.images.map((im) => ({ width: im.width, height: im.height, boxes: { truth: [], predicted: [] } }));
  for (const o of gt.annotations) pictures[index.get(o.imageId) as number]?.boxes?.truth.push({ bbox: box(o), categoryId: o.categoryId, status: gtStatus.get(o.id) ?? (o.iscrowd ? 'ignored' : 'missed') });
  // Beyond the 100 best of a class in an image COCO matches nothing: such a prediction stays false.
  for (const o of results.detections) pictures[index.get(o.imageId) as number]?.boxes?.predicted.push({ bbox: box(o), categoryId: o.categoryId, score: o.score ?? 0, status: dtStatus.get(o.id) ?? 'fp' });
  return pictures;
}

function meanCurve(curves: Float64Array[]): number[] | null {
  const first = curves[0];
  if (!first || first[0] === -1) return null;
  return Array.from(first, (_, r) => curves.reduce((s, c) => s + (c[r] as number), 0) / curves.length);
}

/** Per class, precision at the 101 recall points at IoU 0.5 and averaged over 0.50:0.95 (all areas, 100 detections). */
export function prCurves(e: CocoEvaluation): PrCurve[] {
  const T = e.params.iouThrs.length;
  return e.categories.map((c, k) => {
    const curves = Array.from({ length: T }, (_, t) => prCurve(e, k, t));
    const at50 = curves[0] as Float64Array;
    return { categoryId: c.categoryId, name: c.name, iou50: at50[0] === -1 ? null : [...at50], iou50to95: meanCurve(curves) };
  });
}

/** One image's text regions, marked from the ICDAR 2015 matching of the pass. */
export function textPicture(width: number, height: number, truth: readonly { points: [number, number][]; dontCare: boolean }[], regions: readonly { points: [number, number][]; score: number }[], m: TextImageMatch): StoredPicture {
  const truthMatched = new Set(m.pairs.map(([g]) => g));
  const regionMatched = new Set(m.pairs.map(([, d]) => d));
  const dontCareTruth = new Set(m.truthDontCare);
  const dontCareRegions = new Set(m.detectionsDontCare);
  const polygon = (points: [number, number][], status: PicturePolygon['status'], score?: number): PicturePolygon => ({ points: points.map(([x, y]) => [x, y]), status, ...(score !== undefined ? { score } : {}) });
  return {
    width,
    height,
    text: {
      truth: truth.map((t, i) => polygon(t.points, dontCareTruth.has(i) ? 'ignored' : truthMatched.has(i) ? 'tp' : 'missed')),
      predicted: regions.map((r, i) => polygon(r.points, dontCareRegions.has(i) ? 'ignored' : regionMatched.has(i) ? 'tp' : 'fp', r.score)),
    },
  };
}

/**
 * One image's mask pixels per class (class 0, the background in both mask formats, left out), each
 * split into true, false and missed as column-major COCO RLE. Ignored truth pixels count nowhere.
 */
export function maskPicture(width: number, height: number, truth: ArrayLike<number>, predicted: ArrayLike<number>, categoryIds: readonly number[], ignoreValue: number | null): StoredPicture {
  const masks: PictureMask[] = [];
  for (let k = 1; k < categoryIds.length; k++) {
    const tp = new Uint8Array(width * height);
    const fp = new Uint8Array(width * height);
    const fn = new Uint8Array(width * height);
    const counts = { tp: 0, fp: 0, fn: 0 };
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        const t = truth[i] as number;
        if (t === ignoreValue) continue;
        const p = predicted[i] as number;
        if (t !== k && p !== k) continue;
        const at = x * height + y;
        if (t === k && p === k) (tp[at] = 1), counts.tp++;
        else if (p === k) (fp[at] = 1), counts.fp++;
        else (fn[at] = 1), counts.fn++;
      }
    }
    if (counts.tp + counts.fp + counts.fn === 0) continue;
    const rle = (m: Uint8Array) => rleToString(rleEncode(m, height, width));
    masks.push({ categoryId: categoryIds[k] as number, tp: rle(tp), fp: rle(fp), fn: rle(fn), counts });
  }
  return { width, height, masks };
}
