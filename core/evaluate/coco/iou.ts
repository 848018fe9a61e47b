/**
 * IoU between detections and ground truth, as maskApi.c's bbIou and rleIou compute it. For a crowd
 * ground truth the union is the detection's own area, so a detection inside a crowd region counts as
 * covered however large the region is. Results are row-major [detection][ground truth].
 */
import { rleArea, rleToBbox, type Rle } from './rle.js';

export type Box = readonly number[];

/** bbIou for one pair; boxes are [x, y, w, h]. */
export function boxIou(D: Box, G: Box, crowd: boolean): number {
  const [dx = 0, dy = 0, dw = 0, dh = 0] = D;
  const [gx = 0, gy = 0, gw = 0, gh = 0] = G;
  const w = Math.min(dw + dx, gw + gx) - Math.max(dx, gx);
  if (w <= 0) return 0;
  const h = Math.min(dh + dy, gh + gy) - Math.max(dy, gy);
  if (h <= 0) return 0;
  const i = w * h;
  const da = dw * dh;
  const u = crowd ? da : da + gw * gh - i;
  return i / u;
}

export function boxIous(dts: readonly Box[], gts: readonly Box[], iscrowd: readonly boolean[]): Float64Array {
  const n = gts.length;
  const o = new Float64Array(dts.length * n);
  for (let d = 0; d < dts.length; d++) for (let g = 0; g < n; g++) o[d * n + g] = boxIou(dts[d] as Box, gts[g] as Box, iscrowd[g] === true);
  return o;
}

/**
 * rleIou for one pair whose boxes overlap. Masks of different sizes give -1, as in maskApi.c: such a
 * pair can never match.
 */
export function maskIou(dt: Rle, gt: Rle, crowd: boolean): number {
  if (dt.h !== gt.h || dt.w !== gt.w) return -1;
  const A = dt.counts;
  const B = gt.counts;
  let ca = A[0] as number;
  let cb = B[0] as number;
  let va = 0;
  let vb = 0;
  let a = 1;
  let b = 1;
  let i = 0;
  let u = 0;
  let ct = 1;
  while (ct > 0) {
    const c = Math.min(ca, cb);
    if (va || vb) {
      u += c;
      if (va && vb) i += c;
    }
    ct = 0;
    ca -= c;
    if (!ca && a < A.length) {
      ca = A[a++] as number;
      va ^= 1;
    }
    ct += ca;
    cb -= c;
    if (!cb && b < B.length) {
      cb = B[b++] as number;
      vb ^= 1;
    }
    ct += cb;
  }
  if (i === 0) u = 1;
  else if (crowd) u = rleArea(dt);
  return i / u;
}

/** rleIou: the box IoU first, and the mask IoU only where the boxes overlap. */
export function maskIous(dts: readonly Rle[], gts: readonly Rle[], iscrowd: readonly boolean[]): Float64Array {
  const n = gts.length;
  const o = new Float64Array(dts.length * n);
  const db = dts.map(rleToBbox);
  const gb = gts.map(rleToBbox);
  for (let d = 0; d < dts.length; d++) {
    for (let g = 0; g < n; g++) {
      const crowd = iscrowd[g] === true;
      const boxes = boxIou(db[d] as Box, gb[g] as Box, crowd);
      o[d * n + g] = boxes > 0 ? maskIou(dts[d] as Rle, gts[g] as Rle, crowd) : boxes;
    }
  }
  return o;
}
