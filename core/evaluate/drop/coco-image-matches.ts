/**
 * The per-image matching of a COCO evaluation, kept so that another selection of images (a bootstrap
 * resample, a subset) can be scored again by re-accumulating alone, never by matching again. It is
 * COCOeval's evaluateImg output cut to what accumulate reads: per category, each detection's image,
 * score and state at every IoU threshold and area range (counted match, counted miss, ignored), and
 * each object's image and ignore flag per area range.
 */
import type { CategoryMatches } from '../coco/accumulate.js';
import type { CocoEvaluation } from '../coco/coco-eval.js';
import { isMatched } from '../coco/evaluate-image.js';

/** A detection's state at one IoU threshold and area range, as accumulate counts it. */
export const DT_IGNORED = 0;
export const DT_TRUE = 1;
export const DT_FALSE = 2;

export interface CategoryImageMatches {
  categoryId: number;
  name: string;
  /** Per detection, best score first within each image, images in ascending id order. */
  dtImage: Int32Array;
  dtScores: Float64Array;
  /** The detection's place in its image's list (0 = best), which maxDets cuts at. */
  dtRank: Int32Array;
  /** Per area range, [threshold][detection] row-major: DT_IGNORED, DT_TRUE or DT_FALSE. */
  dtState: Uint8Array[];
  /** Per object: its image. */
  gtImage: Int32Array;
  /** Per area range, per object: 1 where it does not count (crowd, or outside the range). */
  gtIgnore: Uint8Array[];
}

export interface CocoImageMatches {
  iouType: CocoEvaluation['iouType'];
  /** Image ids in the order the indices above refer to (ascending). */
  imageIds: number[];
  iouThrs: number[];
  recThrs: number[];
  maxDets: number[];
  areaLabels: string[];
  categories: CategoryImageMatches[];
}

function categoryMatches(m: CategoryMatches, imageIndex: Map<number, number>, T: number, id: number, name: string): CategoryImageMatches {
  const c = m.images;
  const ND = c.dtIds.length;
  const NG = c.gtIds.length;
  const dtImage = new Int32Array(ND);
  const dtRank = new Int32Array(ND);
  const gtImage = new Int32Array(NG);
  c.imageIds.forEach((imageId, i) => {
    const global = imageIndex.get(imageId) as number;
    for (let d = c.dtStart[i] as number; d < (c.dtStart[i + 1] as number); d++) {
      dtImage[d] = global;
      dtRank[d] = d - (c.dtStart[i] as number);
    }
    for (let g = c.gtStart[i] as number; g < (c.gtStart[i + 1] as number); g++) gtImage[g] = global;
  });
  const dtState = m.areas.map((am) => {
    const state = new Uint8Array(T * ND);
    for (let t = 0; t < T; t++) {
      for (let d = 0; d < ND; d++) state[t * ND + d] = am.dtIgnore[t * ND + d] ? DT_IGNORED : isMatched(c, am, t, d) ? DT_TRUE : DT_FALSE;
    }
    return state;
  });
  return { categoryId: id, name, dtImage, dtScores: Float64Array.from(c.dtScores), dtRank, dtState, gtImage, gtIgnore: m.areas.map((am) => Uint8Array.from(am.gtIgnore)) };
}

/** The evaluation's matches, over the ground truth's images in ascending id order. */
export function cocoImageMatches(e: CocoEvaluation, imageIds: readonly number[]): CocoImageMatches {
  const sorted = [...new Set(imageIds)].sort((a, b) => a - b);
  const imageIndex = new Map(sorted.map((id, i) => [id, i]));
  const T = e.params.iouThrs.length;
  return {
    iouType: e.iouType,
    imageIds: sorted,
    iouThrs: [...e.params.iouThrs],
    recThrs: [...e.params.recThrs],
    maxDets: [...e.params.maxDets],
    areaLabels: e.params.areaRanges.map((r) => r.label),
    categories: e.matches.map((m, k) => categoryMatches(m, imageIndex, T, e.categories[k]?.categoryId ?? k, e.categories[k]?.name ?? String(k))),
  };
}
