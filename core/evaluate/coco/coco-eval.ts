/**
 * COCO detection and instance-segmentation metrics: a port of pycocotools' COCOeval for iouType
 * bbox and segm (evaluate, accumulate, summarize) that gives the same numbers to the last bits.
 * Pure functions over parsed JSON, so it runs in any JavaScript host.
 */
import { accumulate } from './accumulate.js';
import type { CocoGroundTruth, CocoObject } from './dataset.js';
import { evaluateImage, stableDescending, type ImageEvaluation, type ImageObjects } from './evaluate-image.js';
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
  categories: CategoryResult[];
  /** pycocotools' eval['precision'], [T, R, K, A, M] in C order: the PR curves of every setting. */
  precision: Float64Array;
  /** pycocotools' eval['recall'], [T, K, A, M] in C order. */
  recall: Float64Array;
  /** Per category (index into `categories`), then per area range: the per-image matching. */
  images: ImageEvaluation[][][];
}

export { STAT_NAMES };

/** Precision at the 101 recall points of one category, one IoU threshold, all areas, 100 detections. */
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
  const cats = [...gt.categories].sort((a, b) => a.id - b.id);
  const catIndex = new Map(cats.map((c, k) => [c.id, k]));
  const images = new Map(gt.images.map((im) => [im.id, im]));
  const I = imageIds.length;
  // Objects grouped by (category, image), each group in file order as pycocotools reads them.
  const groups = new Map<number, { gts: CocoObject[]; dts: CocoObject[] }>();
  const groupOf = (o: CocoObject) => {
    const key = (catIndex.get(o.categoryId) as number) * I + (imageIndex.get(o.imageId) as number);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { gts: [], dts: [] }));
    return g;
  };
  for (const o of gt.annotations) groupOf(o).gts.push(o);
  for (const o of results.detections) groupOf(o).dts.push(o);

  const maskOf = (o: CocoObject, source: string): Rle => results.masks.get(o) ?? segmentationToRle(source, o, images.get(o.imageId) as NonNullable<ReturnType<typeof images.get>>);
  const maxDet = params.maxDets[params.maxDets.length - 1] as number;
  const perCategory: ImageEvaluation[][][] = cats.map(() => params.areaRanges.map(() => []));
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const { gts, dts: unsorted } = groups.get(key) as { gts: CocoObject[]; dts: CocoObject[] };
    const dts = stableDescending(unsorted.map((d) => d.score))
      .slice(0, maxDet)
      .map((i) => unsorted[i] as CocoObject);
    const crowd = gts.map((g) => g.iscrowd);
    const ious =
      gts.length === 0 || dts.length === 0
        ? new Float64Array(0)
        : iouType === 'bbox'
          ? boxIous(dts.map((d) => d.bbox), gts.map((g) => g.bbox), crowd)
          : maskIous(dts.map((d) => maskOf(d, results.source)), gts.map((g) => maskOf(g, gt.source)), crowd);
    const img: ImageObjects = {
      gtIds: gts.map((g) => g.id),
      gtAreas: gts.map((g) => g.area),
      gtCrowd: crowd,
      dtIds: dts.map((d) => d.id),
      dtScores: Float64Array.from(dts, (d) => d.score),
      dtAreas: dts.map((d) => d.area),
      ious,
    };
    const k = Math.floor(key / I);
    params.areaRanges.forEach((range, a) => perCategory[k]?.[a]?.push(evaluateImage(img, range, params.iouThrs)));
  }
  const acc = accumulate(perCategory, params);
  const categories = cats.map((c, k): CategoryResult => {
    const s = summarize(acc, params, [k]);
    let objects = 0;
    let detections = 0;
    for (const e of perCategory[k]?.[0] ?? []) {
      for (const ig of e.gtIgnore) if (ig === 0) objects++;
      detections += e.dtIds.length;
    }
    return { categoryId: c.id, name: c.name, objects, detections, ap: s.AP, ap50: s.AP50, ap75: s.AP75, ar100: s.AR100 };
  });
  return { iouType, params, stats: summarize(acc, params), categories, precision: acc.precision, recall: acc.recall, images: perCategory };
}
