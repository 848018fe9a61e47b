/**
 * COCOeval.accumulate: per category, area range and maxDets, the detections of all images pooled
 * and ranked by score (stable, as numpy's mergesort, so ties keep image order), the cumulative
 * true/false positives turned into recall and precision, precision made monotone from the right
 * (the envelope), and read at the 101 recall points by a left-sided search.
 */
import type { ImageEvaluation } from './evaluate-image.js';
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

/** `perCategory[k][a]` holds the evaluations of every image with ground truth or detections of category k, in image order. */
export function accumulate(perCategory: readonly (readonly ImageEvaluation[])[][], p: EvalParams): Accumulated {
  const T = p.iouThrs.length;
  const R = p.recThrs.length;
  const K = perCategory.length;
  const A = p.areaRanges.length;
  const M = p.maxDets.length;
  const precision = new Float64Array(T * R * K * A * M).fill(-1);
  const recall = new Float64Array(T * K * A * M).fill(-1);
  for (let k = 0; k < K; k++) {
    for (let a = 0; a < A; a++) {
      const E = perCategory[k]?.[a] ?? [];
      if (E.length === 0) continue;
      let npig = 0;
      for (const e of E) for (const ig of e.gtIgnore) if (ig === 0) npig++;
      if (npig === 0) continue;
      for (let m = 0; m < M; m++) {
        const maxDet = p.maxDets[m] as number;
        const pooled = pool(E, maxDet, T);
        const nd = pooled.scores.length;
        const order = Array.from({ length: nd }, (_, i) => i).sort((x, y) => (pooled.scores[y] as number) - (pooled.scores[x] as number) || x - y);
        const rc = new Float64Array(nd);
        const pr = new Float64Array(nd);
        for (let t = 0; t < T; t++) {
          let tp = 0;
          let fp = 0;
          for (let i = 0; i < nd; i++) {
            const at = t * nd + (order[i] as number);
            if (!pooled.ignore[at]) {
              if (pooled.matched[at]) tp++;
              else fp++;
            }
            rc[i] = tp / npig;
            pr[i] = tp / (fp + tp + EPS);
          }
          recall[((t * K + k) * A + a) * M + m] = nd ? (rc[nd - 1] as number) : 0;
          for (let i = nd - 1; i > 0; i--) if ((pr[i] as number) > (pr[i - 1] as number)) pr[i - 1] = pr[i] as number;
          // np.searchsorted(rc, recThrs, side='left'); recall points past the last detection keep precision 0.
          let i = 0;
          for (let r = 0; r < R; r++) {
            const thr = p.recThrs[r] as number;
            while (i < nd && (rc[i] as number) < thr) i++;
            precision[(((t * R + r) * K + k) * A + a) * M + m] = i < nd ? (pr[i] as number) : 0;
          }
        }
      }
    }
  }
  return { precision, recall, counts: { T, R, K, A, M } };
}

/** The first maxDet detections of each image, concatenated in image order, as [T][detection] flags. */
function pool(E: readonly ImageEvaluation[], maxDet: number, T: number) {
  let nd = 0;
  for (const e of E) nd += Math.min(e.dtIds.length, maxDet);
  const scores = new Float64Array(nd);
  const matched = new Uint8Array(T * nd);
  const ignore = new Uint8Array(T * nd);
  let at = 0;
  for (const e of E) {
    const D = e.dtIds.length;
    const n = Math.min(D, maxDet);
    for (let d = 0; d < n; d++) {
      scores[at + d] = e.dtScores[d] as number;
      for (let t = 0; t < T; t++) {
        matched[t * nd + at + d] = e.dtMatches[t * D + d] !== 0 ? 1 : 0;
        ignore[t * nd + at + d] = e.dtIgnore[t * D + d] as number;
      }
    }
    at += n;
  }
  return { scores, matched, ignore };
}
