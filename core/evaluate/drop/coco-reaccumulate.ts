/**
 * COCO AP over a weighted selection of images, from cached per-image matches: each image counts as
 * many times as its weight (0 leaves it out, 2 takes it twice, as a bootstrap resample does). This is
 * accumulate and summarize with every image's detections and objects repeated `weight` times, the
 * copies of one detection adjacent in the ranking. With every weight 1 the numbers are pycocotools'
 * to the last bit.
 *
 * Only true positives are points that matter: precision falls at a false positive and recall stays,
 * so neither the envelope (a maximum from the right) nor the left-sided search at the recall points
 * can land on one. A false positive only adds to the count the later true positives divide by. So a
 * detection's copies add their weight at once, and the detections that are false at every threshold
 * (most of them at COCO scale) are summed once per category instead of once per threshold.
 */
import { numpyMean } from '../coco/params.js';
import { DT_FALSE, DT_IGNORED, DT_TRUE, type CocoImageMatches } from './coco-image-matches.js';

const EPS = 2 ** -52;

/** Which of the 12 COCO settings to score: AP over all areas at the largest maxDets, at one IoU threshold or all. */
export interface ApSetting {
  /** null for .50:.95 (AP), else an exact entry of iouThrs (0.5 for AP50, 0.75 for AP75). */
  iouThr: number | null;
}

/** One category's counted detections in rank order, cut at maxDets, for the setting's thresholds. */
interface RankedCategory {
  image: Int32Array;
  /** 1 where the detection is a counted false positive at every threshold of the setting. */
  alwaysFalse: Uint8Array;
  /** The other detections ("mixed"), in rank order: their states, [threshold][mixed] row-major. */
  mixedState: Uint8Array;
  mixed: number;
  /** The image of each counted object. */
  counted: Int32Array;
}

export interface PreparedAp {
  imageCount: number;
  thresholds: number;
  recThrs: Float64Array;
  categories: RankedCategory[];
}

function rankCategory(c: CocoImageMatches['categories'][number], a: number, ts: number[], maxDet: number): RankedCategory {
  const ND = c.dtScores.length;
  const s = c.dtScores;
  const state = c.dtState[a] as Uint8Array;
  const order = Int32Array.from({ length: ND }, (_, i) => i).sort((x, y) => (s[y] as number) - (s[x] as number) || x - y);
  const image: number[] = [];
  const alwaysFalse: number[] = [];
  const mixedRows: number[][] = [];
  for (const d of order) {
    if ((c.dtRank[d] as number) >= maxDet) continue;
    const states = ts.map((t) => state[t * ND + d] as number);
    if (states.every((st) => st === DT_IGNORED)) continue;
    image.push(c.dtImage[d] as number);
    const allFalse = states.every((st) => st === DT_FALSE);
    alwaysFalse.push(allFalse ? 1 : 0);
    if (!allFalse) mixedRows.push(states);
  }
  const M = mixedRows.length;
  const mixedState = new Uint8Array(ts.length * M);
  mixedRows.forEach((states, j) => states.forEach((st, t) => (mixedState[t * M + j] = st)));
  const ignore = c.gtIgnore[a] as Uint8Array;
  const counted: number[] = [];
  for (let g = 0; g < c.gtImage.length; g++) if (ignore[g] === 0) counted.push(c.gtImage[g] as number);
  return { image: Int32Array.from(image), alwaysFalse: Uint8Array.from(alwaysFalse), mixedState, mixed: M, counted: Int32Array.from(counted) };
}

/** Ranks, filters and compresses the matches once, so that each weighting is a few linear passes. */
export function prepareAp(m: CocoImageMatches, setting: ApSetting): PreparedAp {
  const a = m.areaLabels.indexOf('all');
  if (a === -1) throw new Error('The matches have no "all" area range, which AP is read over.');
  const maxDet = m.maxDets[m.maxDets.length - 1] as number;
  const T = m.iouThrs.length;
  const ts = setting.iouThr === null ? [...Array(T).keys()] : [...Array(T).keys()].filter((t) => m.iouThrs[t] === setting.iouThr);
  if (ts.length === 0) throw new Error(`IoU threshold ${setting.iouThr} is not among the evaluation's thresholds.`);
  return { imageCount: m.imageIds.length, thresholds: ts.length, recThrs: Float64Array.from(m.recThrs), categories: m.categories.map((c) => rankCategory(c, a, ts, maxDet)) };
}

/** Buffers reused across resamples, so that a thousand of them allocate little. */
export class ApScratch {
  private buffers = new Map<string, Float64Array>();
  get(key: string, n: number): Float64Array {
    let b = this.buffers.get(key);
    if (!b || b.length < n) {
      b = new Float64Array(Math.max(n, 16));
      this.buffers.set(key, b);
    }
    return b;
  }
}

/**
 * The setting's AP with image i counted weights[i] times: the mean, in numpy's order (threshold,
 * recall point, category), of the precision entries of categories that have counted objects; -1
 * when none has.
 */
export function weightedAp(p: PreparedAp, weights: ArrayLike<number>, scratch = new ApScratch()): number {
  const R = p.recThrs.length;
  const K = p.categories.length;
  const T = p.thresholds;
  const precisionAt = scratch.get('precision', T * K * R);
  const present = new Uint8Array(K);
  for (let k = 0; k < K; k++) {
    const c = p.categories[k] as RankedCategory;
    let npig = 0;
    for (const img of c.counted) npig += weights[img] as number;
    if (npig === 0) continue;
    present[k] = 1;
    // The weight of each mixed detection, and of the always-false ones ranked before it.
    const M = c.mixed;
    const wm = scratch.get('wm', M);
    const fpBefore = scratch.get('fpBefore', M);
    let falseSoFar = 0;
    for (let i = 0, j = 0; i < c.image.length; i++) {
      const w = weights[c.image[i] as number] as number;
      if (c.alwaysFalse[i]) falseSoFar += w;
      else {
        wm[j] = w;
        fpBefore[j++] = falseSoFar;
      }
    }
    const rc = scratch.get('rc', M);
    const pr = scratch.get('pr', M);
    for (let t = 0; t < T; t++) {
      let tp = 0;
      let fp = 0;
      let n = 0;
      for (let j = 0; j < M; j++) {
        const w = wm[j] as number;
        if (w === 0) continue;
        const st = c.mixedState[t * M + j];
        if (st === DT_TRUE) {
          tp += w;
          rc[n] = tp / npig;
          pr[n] = tp / ((fpBefore[j] as number) + fp + tp + EPS);
          n++;
        } else if (st === DT_FALSE) fp += w;
      }
      // The envelope from the right, read at each recall point by a left-sided search, in one backward pass.
      const row = (t * K + k) * R;
      let r = R - 1;
      for (; r >= 0 && (n === 0 || (p.recThrs[r] as number) > (rc[n - 1] as number)); r--) precisionAt[row + r] = 0;
      let envelope = 0;
      for (let i = n - 1; i >= 0 && r >= 0; i--) {
        envelope = Math.max(envelope, pr[i] as number);
        const below = i > 0 ? (rc[i - 1] as number) : -Infinity;
        for (; r >= 0 && (p.recThrs[r] as number) > below; r--) precisionAt[row + r] = envelope;
      }
    }
  }
  const kept = scratch.get('kept', T * R * K);
  let nKept = 0;
  for (let t = 0; t < T; t++) for (let r = 0; r < R; r++) for (let k = 0; k < K; k++) if (present[k]) kept[nKept++] = precisionAt[(t * K + k) * R + r] as number;
  return nKept === 0 ? -1 : numpyMean(kept.subarray(0, nKept));
}
