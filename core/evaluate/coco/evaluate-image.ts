/**
 * COCOeval.evaluateImg: the greedy matching of one image's detections of one category to its ground
 * truth, at every IoU threshold, for one area range. Detections are taken best score first (a stable
 * sort, as numpy's mergesort), ground truth to be ignored is put last, and each detection takes the
 * unmatched object it overlaps most, crowd regions being matchable any number of times.
 */
import type { AreaRange } from './params.js';

export interface ImageObjects {
  /** Ground truth of one image and category, in file order. */
  gtIds: number[];
  gtAreas: number[];
  gtCrowd: boolean[];
  /** Detections sorted best score first and cut at the largest maxDets. */
  dtIds: number[];
  dtScores: Float64Array;
  dtAreas: number[];
  /** IoU, row-major [detection][ground truth] in the orders above. */
  ious: Float64Array;
}

/** The per-image answer for one area range; arrays over thresholds are row-major [threshold][item]. */
export interface ImageEvaluation {
  dtIds: number[];
  dtScores: Float64Array;
  /** Ground-truth ids in evaluation order (ignored last). */
  gtIds: number[];
  /** The id of the object each detection matched, 0 if none. */
  dtMatches: Float64Array;
  /** The id of the detection each object matched, 0 if none. */
  gtMatches: Float64Array;
  /** 1 where a detection does not count: it matched an ignored object, or is unmatched outside the area range. */
  dtIgnore: Uint8Array;
  gtIgnore: Uint8Array;
}

/** Stable order of indices by descending key, as np.argsort(-key, kind='mergesort'). */
export function stableDescending(keys: ArrayLike<number>): number[] {
  return Array.from({ length: keys.length }, (_, i) => i).sort((a, b) => (keys[b] as number) - (keys[a] as number) || a - b);
}

export function evaluateImage(img: ImageObjects, range: AreaRange, iouThrs: Float64Array): ImageEvaluation {
  const G = img.gtIds.length;
  const D = img.dtIds.length;
  const T = iouThrs.length;
  // pycocotools' gt "ignore" is iscrowd (the file's own ignore field is overwritten by it).
  const ignoredAt = img.gtIds.map((_, g) => (img.gtCrowd[g] || (img.gtAreas[g] as number) < range.min || (img.gtAreas[g] as number) > range.max ? 1 : 0));
  const gtOrder = Array.from({ length: G }, (_, g) => g).sort((a, b) => (ignoredAt[a] as number) - (ignoredAt[b] as number) || a - b);
  const gtIg = Uint8Array.from(gtOrder, (g) => ignoredAt[g] as number);
  const gtIds = gtOrder.map((g) => img.gtIds[g] as number);
  const crowd = gtOrder.map((g) => img.gtCrowd[g] === true);
  const gtm = new Float64Array(T * G);
  const dtm = new Float64Array(T * D);
  const dtIg = new Uint8Array(T * D);
  if (G > 0 && D > 0) {
    for (let t = 0; t < T; t++) {
      for (let d = 0; d < D; d++) {
        let iou = Math.min(iouThrs[t] as number, 1 - 1e-10);
        let m = -1;
        for (let gi = 0; gi < G; gi++) {
          if ((gtm[t * G + gi] as number) > 0 && !crowd[gi]) continue;
          // Once matched to a counted object, ignored ones (sorted last) cannot take the detection.
          if (m > -1 && gtIg[m] === 0 && gtIg[gi] === 1) break;
          const o = img.ious[d * G + (gtOrder[gi] as number)] as number;
          if (o < iou) continue;
          iou = o;
          m = gi;
        }
        if (m === -1) continue;
        dtIg[t * D + d] = gtIg[m] as number;
        dtm[t * D + d] = gtIds[m] as number;
        gtm[t * G + m] = img.dtIds[d] as number;
      }
    }
  }
  for (let d = 0; d < D; d++) {
    const a = img.dtAreas[d] as number;
    if (!(a < range.min || a > range.max)) continue;
    for (let t = 0; t < T; t++) if (dtm[t * D + d] === 0) dtIg[t * D + d] = 1;
  }
  return { dtIds: img.dtIds, dtScores: img.dtScores, gtIds, dtMatches: dtm, gtMatches: gtm, dtIgnore: dtIg, gtIgnore: gtIg };
}
