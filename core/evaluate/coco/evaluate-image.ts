/**
 * COCOeval.evaluateImg: the greedy matching of one image's detections of one category to its ground
 * truth, at every IoU threshold, for one area range. Detections come best score first, ground truth
 * to be ignored (crowd, or outside the area range) is tried last, and each detection takes the
 * unmatched object it overlaps most; crowd regions can be matched any number of times.
 *
 * The answers of all images of a category live in flat arrays (one allocation per category and area
 * range, not per image): at COCO scale there are hundreds of thousands of (image, category) pairs.
 */
import type { AreaRange } from './params.js';

/** The detections and objects of one category, grouped by image. */
export interface CategoryImages {
  /** Images that have objects or detections of the category, in ascending id order. */
  imageIds: number[];
  /** Where each image's detections and objects start in the arrays below; one more entry than images. */
  dtStart: Int32Array;
  gtStart: Int32Array;
  /** Each image's detections best score first (a stable sort), cut at the largest maxDets. */
  dtIds: Float64Array;
  dtScores: Float64Array;
  dtAreas: Float64Array;
  /** Each image's objects in file order. */
  gtIds: Float64Array;
  gtAreas: Float64Array;
  gtCrowd: Uint8Array;
}

/** The matching at one area range. Arrays over thresholds are row-major [threshold][item]. */
export interface AreaMatches {
  /** Index (into the category's objects) of the object each detection matched, -1 if none. */
  dtMatch: Int32Array;
  /** Index (into the category's detections) of the detection each object matched, -1 if none. */
  gtMatch: Int32Array;
  /** 1 where a detection does not count: it matched an ignored object, or is unmatched outside the area range. */
  dtIgnore: Uint8Array;
  /** 1 where an object does not count: a crowd region, or outside the area range. */
  gtIgnore: Uint8Array;
}

export function emptyMatches(c: CategoryImages, T: number): AreaMatches {
  const nd = c.dtIds.length;
  const ng = c.gtIds.length;
  return { dtMatch: new Int32Array(T * nd).fill(-1), gtMatch: new Int32Array(T * ng).fill(-1), dtIgnore: new Uint8Array(T * nd), gtIgnore: new Uint8Array(ng) };
}

/**
 * pycocotools' "matched" is `dtMatches != 0`, where dtMatches holds the object's id: a match to an
 * object whose id is 0 reads as no match there, and so it does here (see the warning in coco-eval).
 */
export function isMatched(c: CategoryImages, m: AreaMatches, t: number, d: number): boolean {
  const g = m.dtMatch[t * c.dtIds.length + d] as number;
  return g >= 0 && c.gtIds[g] !== 0;
}

/** evaluateImg for image `img` (an index into c.imageIds); `ious` is row-major [detection][object] of that image. */
export function evaluateImage(c: CategoryImages, img: number, ious: Float64Array, range: AreaRange, iouThrs: Float64Array, out: AreaMatches): void {
  const d0 = c.dtStart[img] as number;
  const D = (c.dtStart[img + 1] as number) - d0;
  const g0 = c.gtStart[img] as number;
  const G = (c.gtStart[img + 1] as number) - g0;
  const ND = c.dtIds.length;
  const NG = c.gtIds.length;
  // pycocotools' gt "ignore" is iscrowd: the file's own ignore field is overwritten by it.
  for (let g = g0; g < g0 + G; g++) {
    const a = c.gtAreas[g] as number;
    out.gtIgnore[g] = c.gtCrowd[g] || a < range.min || a > range.max ? 1 : 0;
  }
  if (G > 0 && D > 0) {
    // The objects in evaluation order: counted ones first, then ignored ones, each in file order
    // (np.argsort of the ignore flags with the stable mergesort).
    const order: number[] = [];
    for (let g = g0; g < g0 + G; g++) if (!out.gtIgnore[g]) order.push(g);
    for (let g = g0; g < g0 + G; g++) if (out.gtIgnore[g]) order.push(g);
    for (let t = 0; t < iouThrs.length; t++) {
      for (let d = 0; d < D; d++) {
        let iou = Math.min(iouThrs[t] as number, 1 - 1e-10);
        let m = -1;
        for (const g of order) {
          if ((out.gtMatch[t * NG + g] as number) >= 0 && !c.gtCrowd[g]) continue;
          // Once matched to a counted object, the ignored ones (tried last) cannot take the detection.
          if (m > -1 && out.gtIgnore[m] === 0 && out.gtIgnore[g] === 1) break;
          const o = ious[d * G + (g - g0)] as number;
          if (o < iou) continue;
          iou = o;
          m = g;
        }
        if (m === -1) continue;
        out.dtIgnore[t * ND + d0 + d] = out.gtIgnore[m] as number;
        out.dtMatch[t * ND + d0 + d] = m;
        out.gtMatch[t * NG + m] = d0 + d;
      }
    }
  }
  for (let d = d0; d < d0 + D; d++) {
    const a = c.dtAreas[d] as number;
    if (!(a < range.min || a > range.max)) continue;
    for (let t = 0; t < iouThrs.length; t++) if (G === 0 || !isMatched(c, out, t, d)) out.dtIgnore[t * ND + d] = 1;
  }
}
