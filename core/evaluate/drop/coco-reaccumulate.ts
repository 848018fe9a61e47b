/**
 * COCO AP over a weighted selection of images, from cached per-image matches: each image counts as
 * many times as its weight (0 leaves it out, 2 takes it twice, as a bootstrap resample does). This is
 * accumulate and summarize with every image's detections and objects repeated `weight` times, the
 * copies of one detection adjacent in the ranking. Such copies add points to the PR curve that the
 * envelope and the left-sided recall search can never land on with a different value (a run of true
 * positives only raises precision, a run of false positives keeps recall), so each detection adds
 * its weight at once. With every weight 1 the numbers are pycocotools' to the last bit.
 */
import { numpyMean } from '../coco/params.js';
import { DT_IGNORED, DT_TRUE, type CocoImageMatches } from './coco-image-matches.js';

const EPS = 2 ** -52;

/** Which of the 12 COCO settings to score: AP over all areas at the largest maxDets, at one IoU threshold or all. */
export interface ApSetting {
  /** null for .50:.95 (AP), else an exact entry of iouThrs (0.5 for AP50, 0.75 for AP75). */
  iouThr: number | null;
}

/** One category at one IoU threshold: its counted detections in rank order. */
interface RankedRow {
  image: Int32Array;
  isTrue: Uint8Array;
}

export interface PreparedAp {
  imageCount: number;
  recThrs: Float64Array;
  /** [t][k], the thresholds of the setting only. */
  rows: RankedRow[][];
  /** Per category, the image of each counted object. */
  counted: Int32Array[];
}

/** Ranks, filters and compresses the matches once, so that each weighting is a few linear passes. */
export function prepareAp(m: CocoImageMatches, setting: ApSetting): PreparedAp {
  const a = m.areaLabels.indexOf('all');
  if (a === -1) throw new Error('The matches have no "all" area range, which AP is read over.');
  const maxDet = m.maxDets[m.maxDets.length - 1] as number;
  const T = m.iouThrs.length;
  const ts = setting.iouThr === null ? [...Array(T).keys()] : [...Array(T).keys()].filter((t) => m.iouThrs[t] === setting.iouThr);
  if (ts.length === 0) throw new Error(`IoU threshold ${setting.iouThr} is not among the evaluation's thresholds.`);
  const rows = ts.map((t) =>
    m.categories.map((c): RankedRow => {
      const ND = c.dtScores.length;
      const s = c.dtScores;
      const order = Int32Array.from({ length: ND }, (_, i) => i).sort((x, y) => (s[y] as number) - (s[x] as number) || x - y);
      const state = c.dtState[a] as Uint8Array;
      const image: number[] = [];
      const isTrue: number[] = [];
      for (const d of order) {
        if ((c.dtRank[d] as number) >= maxDet) continue;
        const st = state[t * ND + d] as number;
        if (st === DT_IGNORED) continue;
        image.push(c.dtImage[d] as number);
        isTrue.push(st === DT_TRUE ? 1 : 0);
      }
      return { image: Int32Array.from(image), isTrue: Uint8Array.from(isTrue) };
    }),
  );
  const counted = m.categories.map((c) => {
    const ignore = c.gtIgnore[a] as Uint8Array;
    const out: number[] = [];
    for (let g = 0; g < c.gtImage.length; g++) if (ignore[g] === 0) out.push(c.gtImage[g] as number);
    return Int32Array.from(out);
  });
  return { imageCount: m.imageIds.length, recThrs: Float64Array.from(m.recThrs), rows, counted };
}

/**
 * The setting's AP with image i counted weights[i] times: the mean, in numpy's order (threshold,
 * recall point, category), of the precision entries of categories that have counted objects; -1
 * when none has.
 */
export function weightedAp(p: PreparedAp, weights: ArrayLike<number>, scratch = new ApScratch()): number {
  const R = p.recThrs.length;
  const K = p.counted.length;
  const npig = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let n = 0;
    for (const img of p.counted[k] as Int32Array) n += weights[img] as number;
    npig[k] = n;
  }
  const kept = scratch.values(p.rows.length * R * K);
  let nKept = 0;
  const precisionAt = scratch.precision(K * R);
  for (const row of p.rows) {
    for (let k = 0; k < K; k++) {
      const n = npig[k] as number;
      if (n === 0) continue;
      const { image, isTrue } = row[k] as RankedRow;
      const rc = scratch.rc(image.length);
      const pr = scratch.pr(image.length);
      let tp = 0;
      let fp = 0;
      let points = 0;
      for (let i = 0; i < image.length; i++) {
        const w = weights[image[i] as number] as number;
        if (w === 0) continue;
        if (isTrue[i]) tp += w;
        else fp += w;
        rc[points] = tp / n;
        pr[points] = tp / (fp + tp + EPS);
        points++;
      }
      // The envelope from the right, read at each recall point by a left-sided search, in one backward pass.
      let r = R - 1;
      let envelope = 0;
      for (; r >= 0 && (points === 0 || (p.recThrs[r] as number) > (rc[points - 1] as number)); r--) precisionAt[k * R + r] = 0;
      for (let i = points - 1; i >= 0 && r >= 0; i--) {
        envelope = Math.max(envelope, pr[i] as number);
        const below = i > 0 ? (rc[i - 1] as number) : -Infinity;
        for (; r >= 0 && (p.recThrs[r] as number) > below; r--) precisionAt[k * R + r] = envelope;
      }
    }
    for (let r = 0; r < R; r++) for (let k = 0; k < K; k++) if ((npig[k] as number) > 0) kept[nKept++] = precisionAt[k * R + r] as number;
  }
  return nKept === 0 ? -1 : numpyMean(kept.subarray(0, nKept));
}

/** Buffers reused across resamples, so that a thousand of them allocate nothing per call. */
export class ApScratch {
  private buffers = new Map<string, Float64Array>();
  private get(key: string, n: number): Float64Array {
    let b = this.buffers.get(key);
    if (!b || b.length < n) {
      b = new Float64Array(Math.max(n, 16));
      this.buffers.set(key, b);
    }
    return b;
  }
  values(n: number): Float64Array { return this.get('values', n); }
  precision(n: number): Float64Array { return this.get('precision', n); }
  rc(n: number): Float64Array { return this.get('rc', n); }
  pr(n: number): Float64Array { return this.get('pr', n); }
}
