/**
 * COCO detection and instance-segmentation metrics: a port of pycocotools' COCOeval for iouType
 * bbox and segm (evaluate, accumulate, summarize) that gives the same numbers to the last bit.
 * Pure functions over parsed JSON, so it runs in any JavaScript host.
 */
import { accumulate, type CategoryMatches } from './accumulate.js';
import { groupByCategory } from './category-images.js';
import type { CocoGroundTruth, CocoImage, CocoObject } from './dataset.js';
import { emptyMatches, evaluateImage } from './evaluate-image.js';
import { boxIous, maskIous } from './iou.js';
import { defaultParams, type EvalParams } from './params.js';
import type { CocoResults } from './results.js';
import type { Rle } from './rle.js';
import { segmentationToRle } from './segmentation.js';
import { STAT_NAMES, summarize, type StatName } from './summarize.js';

export type IouType = 'bbox' | 'segm';

export interface CategoryResult {
  categoryId: number;
  name: string;
  /** Ground-truth objects that count (not crowd), all sizes. */
  objects: number;
  /** Detections scored: at most the largest maxDets per image. */
  detections: number;
  /** AP .50:.95, AP50, AP75 and AR100 over all areas with 100 detections; -1 without counted objects. */
  ap: number;
  ap50: number;
  ap75: number;
  ar100: number;
}

export interface CocoEvaluation {
  iouType: IouType;
  params: EvalParams;
  /** The 12 numbers of pycocotools' summarize, by name. */
  stats: Record<StatName, number>;
  /** In ascending category id order, the order of K in `precision` and `recall`. */
  categories: CategoryResult[];
  /** pycocotools' eval['precision'], [T, R, K, A, M] in C order: the PR curves of every setting. */
  precision: Float64Array;
  /** pycocotools' eval['recall'], [T, K, A, M] in C order. */
  recall: Float64Array;
  /** Per category, the per-image matching at each area range. */
  matches: CategoryMatches[];
  /** Things about the input that the numbers carry but the user should know. */
  warnings: string[];
}

export { STAT_NAMES };

/** Precision at the 101 recall points of one category, one IoU threshold, all areas, the largest maxDets. */
export function prCurve(e: CocoEvaluation, category: number, iouThrIndex: number): Float64Array {
  const T = e.params.iouThrs.length;
  const R = e.params.recThrs.length;
  const K = e.categories.length;
  const A = e.params.areaRanges.length;
  const M = e.params.maxDets.length;
  if (iouThrIndex < 0 || iouThrIndex >= T) throw new RangeError(`IoU threshold index ${iouThrIndex} is outside 0..${T - 1}`);
  return Float64Array.from({ length: R }, (_, r) => e.precision[(((iouThrIndex * R + r) * K + category) * A + 0) * M + (M - 1)] as number);
}

export function evaluateCoco(gt: CocoGroundTruth, results: CocoResults, iouType: IouType, params: EvalParams = defaultParams()): CocoEvaluation {
  const imageIds = [...new Set(gt.images.map((im) => im.id))].sort((a, b) => a - b);
  const imageIndex = new Map(imageIds.map((id, i) => [id, i]));
  const images = new Map(gt.images.map((im) => [im.id, im]));
  const cats = [...gt.categories].sort((a, b) => a.id - b.id);
  const maxDet = params.maxDets[params.maxDets.length - 1] as number;
  const T = params.iouThrs.length;
  const grouped = groupByCategory(gt.annotations, results.detections, cats.map((c) => c.id), imageIndex, imageIds, maxDet);
  const maskOf = (o: CocoObject, source: string): Rle => results.masks.get(o) ?? segmentationToRle(source, o, images.get(o.imageId) as CocoImage);
  const none: Float64Array = new Float64Array(0);

  const matches = grouped.map(({ images: c, gtIndex, dtIndex }): CategoryMatches => {
    const areas = params.areaRanges.map(() => emptyMatches(c, T));
    for (let img = 0; img < c.imageIds.length; img++) {
      let ious: Float64Array = none;
      const g0 = c.gtStart[img] as number;
      const d0 = c.dtStart[img] as number;
      const g1 = c.gtStart[img + 1] as number;
      const d1 = c.dtStart[img + 1] as number;
      if (g1 > g0 && d1 > d0) {
        const g = Array.from(gtIndex.subarray(g0, g1), (i) => gt.annotations[i] as CocoObject);
        const d = Array.from(dtIndex.subarray(d0, d1), (i) => results.detections[i] as CocoObject);
        const crowd = g.map((o) => o.iscrowd);
        ious =
          iouType === 'bbox'
            ? boxIous(d.map((o) => o.bbox), g.map((o) => o.bbox), crowd)
            : maskIous(d.map((o) => maskOf(o, results.source)), g.map((o) => maskOf(o, gt.source)), crowd);
      }
      params.areaRanges.forEach((range, a) => evaluateImage(c, img, ious, range, params.iouThrs, areas[a] as (typeof areas)[number]));
    }
    return { images: c, areas };
  });
  const acc = accumulate(matches, params);
  const all = Math.max(0, params.areaRanges.findIndex((r) => r.label === 'all'));
  const categories = cats.map((c, k): CategoryResult => {
    const s = summarize(acc, params, [k]);
    const m = matches[k] as CategoryMatches;
    let objects = 0;
    for (const ig of m.areas[all]?.gtIgnore ?? []) if (ig === 0) objects++;
    return { categoryId: c.id, name: c.name, objects, detections: m.images.dtIds.length, ap: s.AP, ap50: s.AP50, ap75: s.AP75, ar100: s.AR100 };
  });
  const warnings: string[] = [];
  const zero = gt.annotations.find((o) => o.id === 0);
  if (zero) {
    warnings.push(
      `${gt.source}: ${zero.where} has id 0. pycocotools takes id 0 to mean "no match", so a detection matched to that object counts as false; ` +
        'these numbers do the same, to stay comparable. Number annotation ids from 1 to score it as found.',
    );
  }
  return { iouType, params, stats: summarize(acc, params), categories, precision: acc.precision, recall: acc.recall, matches, warnings };
}
