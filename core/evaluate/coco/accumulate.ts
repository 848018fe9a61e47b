/**
 * COCOeval.accumulate: per category, area range and maxDets, the detections of all images pooled
 * and ranked by score (stable, as numpy's mergesort, so ties keep image order), the cumulative
 * true/false positives turned into recall and precision, precision made monotone from the right
 * (the envelope), and read at the 101 recall points by a left-sided search.
 */
import type { AreaMatches, CategoryImages } from './evaluate-image.js';
import type { EvalParams } from './params.js';

/** np.spacing(1): pycocotools adds it to the denominator of precision. */
const EPS = 2 ** -52;

export interface Accumulated {
  /** [T, R, K, A, M] flattened in C order; -1 where the setting has no counted ground truth. */
  precision: Float64Array;
  /** [T, K, A, M] flattened in C order; -1 where the setting has no counted ground truth. */
  recall: Float64Array;
  counts: { T: number; R: number; K: number; A: number; M: number };
}

export interface CategoryMatches {
  images: CategoryImages;
  /** One per area range. */
  areas: AreaMatches[];
}

/**
 * The category's detections in pooled rank order. pycocotools concatenates each image's first
 * maxDet detections in image order and sorts them stably by score; a stable sort of the whole pool,
 * filtered to each image's first maxDet, is the same order, so one sort serves every maxDets.
 */
function rankOrder(c: CategoryImages): { order: Int32Array; rankInImage: Int32Array } {
  const n = c.dtIds.length;
  const rankInImage = new Int32Array(n);
  for (let i = 0; i < c.imageIds.length; i++) {
    for (let d = c.dtStart[i] as number; d < (c.dtStart[i + 1] as number); d++) rankInImage[d] = d - (c.dtStart[i] as number);
  }
  const s = c.dtScores;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((x, y) => (s[y] as number) - (s[x] as number) || x - y);
  return { order, rankInImage };
}

export function accumulate(categories: readonly CategoryMatches[], p: EvalParams): Accumulated {
  const T = p.iouThrs.length;
  const R = p.recThrs.length;
  const K = categories.length;
  const A = p.areaRanges.length;
  const M = p.maxDets.length;
  const precision = new Float64Array(T * R * K * A * M).fill(-1);
  const recall = new Float64Array(T * K * A * M).fill(-1);
  // maxDets from the largest down: a smaller cap that drops no detection gives the same pool, so
  // its answer is copied instead of computed again.
  const byCap = [...p.maxDets.keys()].sort((x, y) => (p.maxDets[y] as number) - (p.maxDets[x] as number));
  for (let k = 0; k < K; k++) {
    const { images: c, areas } = categories[k] as CategoryMatches;
    const ND = c.dtIds.length;
    const { order, rankInImage } = rankOrder(c);
    // Each detection's state at each threshold, in rank order: 0 ignored, 1 true, 2 false positive.
    const state = new Uint8Array(T * ND);
    const positions = new Int32Array(ND);
    const rc = new Float64Array(ND);
    const pr = new Float64Array(ND);
    for (let a = 0; a < A; a++) {
      const am = areas[a] as AreaMatches;
      let npig = 0;
      for (const ig of am.gtIgnore) if (ig === 0) npig++;
      if (npig === 0) continue;
      for (let t = 0; t < T; t++) {
        const row = t * ND;
        for (let i = 0; i < ND; i++) {
          const d = order[i] as number;
          // isMatched, inlined: a match to an object with id 0 reads as none, as in pycocotools.
          const g = am.dtMatch[row + d] as number;
          state[row + i] = am.dtIgnore[row + d] ? 0 : g >= 0 && c.gtIds[g] !== 0 ? 1 : 2;
        }
      }
      let previous = -1;
      let previousNd = -1;
      for (const m of byCap) {
        const maxDet = p.maxDets[m] as number;
        let nd = 0;
        for (let i = 0; i < ND; i++) if ((rankInImage[order[i] as number] as number) < maxDet) positions[nd++] = i;
        if (nd === previousNd) {
          for (let t = 0; t < T; t++) {
            recall[((t * K + k) * A + a) * M + m] = recall[((t * K + k) * A + a) * M + previous] as number;
            for (let r = 0; r < R; r++) {
              const at = (((t * R + r) * K + k) * A + a) * M;
              precision[at + m] = precision[at + previous] as number;
            }
          }
          continue;
        }
        previous = m;
        previousNd = nd;
        for (let t = 0; t < T; t++) {
          let tp = 0;
          let fp = 0;
          let n = 0;
          const row = t * ND;
          // Ignored detections are left out of rc and pr. pycocotools keeps them, but each repeats
          // the entry before it (or is a leading 0 under the envelope's maximum), so neither the
          // envelope nor the left-sided search can land on a different value.
          for (let i = 0; i < nd; i++) {
            const s = state[row + (positions[i] as number)] as number;
            if (s === 0) continue;
            if (s === 1) tp++;
            else fp++;
            rc[n] = tp / npig;
            pr[n] = tp / (fp + tp + EPS);
            n++;
          }
          recall[((t * K + k) * A + a) * M + m] = tp / npig;
          for (let i = n - 1; i > 0; i--) if ((pr[i] as number) > (pr[i - 1] as number)) pr[i - 1] = pr[i] as number;
          // np.searchsorted(rc, recThrs, side='left'); recall points past the last detection keep precision 0.
          let i = 0;
          for (let r = 0; r < R; r++) {
            const thr = p.recThrs[r] as number;
            while (i < n && (rc[i] as number) < thr) i++;
            precision[(((t * R + r) * K + k) * A + a) * M + m] = i < n ? (pr[i] as number) : 0;
          }
        }
      }
    }
  }
  return { precision, recall, counts: { T, R, K, A, M } };
}
