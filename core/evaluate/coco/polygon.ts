/**
 * Polygons and boxes to masks, as maskApi.c's rleFrPoly rasterises them: the vertices are scaled by
 * 5 and rounded, the edges are walked densely on that finer grid, and a pixel column's boundary is
 * kept only where it falls on a pixel centre. The C casts (truncation toward zero) and the order of
 * the floating-point operations are kept, so a polygon gives the same pixels as in pycocotools.
 */
import { rle, type Rle } from './rle.js';

const SCALE = 5;

/** rleFrPoly: `xy` is [x0, y0, x1, y1, ...]; an odd trailing number is dropped, as in pycocotools. */
export function rleFromPolygon(xy: ArrayLike<number>, h: number, w: number): Rle {
  const k = Math.floor(xy.length / 2);
  if (k === 0) return rle(h, w, [h * w]);
  const x = new Int32Array(k + 1);
  const y = new Int32Array(k + 1);
  for (let j = 0; j < k; j++) x[j] = Math.trunc(SCALE * (xy[j * 2] as number) + 0.5);
  for (let j = 0; j < k; j++) y[j] = Math.trunc(SCALE * (xy[j * 2 + 1] as number) + 0.5);
  x[k] = x[0] as number;
  y[k] = y[0] as number;
  let m = 0;
  for (let j = 0; j < k; j++) m += Math.max(Math.abs((x[j] as number) - (x[j + 1] as number)), Math.abs((y[j] as number) - (y[j + 1] as number))) + 1;
  const u = new Int32Array(m);
  const v = new Int32Array(m);
  m = 0;
  for (let j = 0; j < k; j++) {
    let xs = x[j] as number;
    let xe = x[j + 1] as number;
    let ys = y[j] as number;
    let ye = y[j + 1] as number;
    const dx = Math.abs(xe - xs);
    const dy = Math.abs(ys - ye);
    const flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
    if (flip) {
      [xs, xe] = [xe, xs];
      [ys, ye] = [ye, ys];
    }
    const s = dx >= dy ? (ye - ys) / dx : (xe - xs) / dy;
    if (dx >= dy) {
      for (let d = 0; d <= dx; d++) {
        const t = flip ? dx - d : d;
        u[m] = t + xs;
        v[m] = Math.trunc(ys + s * t + 0.5);
        m++;
      }
    } else {
      for (let d = 0; d <= dy; d++) {
        const t = flip ? dy - d : d;
        v[m] = t + ys;
        u[m] = Math.trunc(xs + s * t + 0.5);
        m++;
      }
    }
  }
  // Points where the boundary crosses a pixel column, downsampled back to the image grid.
  const starts: number[] = [];
  for (let j = 1; j < m; j++) {
    const uj = u[j] as number;
    const up = u[j - 1] as number;
    if (uj === up) continue;
    let xd = uj < up ? uj : uj - 1;
    xd = (xd + 0.5) / SCALE - 0.5;
    if (Math.floor(xd) !== xd || xd < 0 || xd > w - 1) continue;
    const vj = v[j] as number;
    const vp = v[j - 1] as number;
    let yd = vj < vp ? vj : vp;
    yd = (yd + 0.5) / SCALE - 0.5;
    if (yd < 0) yd = 0;
    else if (yd > h) yd = h;
    yd = Math.ceil(yd);
    starts.push(((xd * h + yd) % 2 ** 32 + 2 ** 32) % 2 ** 32);
  }
  starts.push(h * w);
  const a = Float64Array.from(starts).sort();
  let p = 0;
  for (let j = 0; j < a.length; j++) {
    const t = a[j] as number;
    a[j] = t - p;
    p = t;
  }
  // Zero-length runs are folded into their neighbour, as maskApi.c does.
  const b: number[] = [a[0] as number];
  let j = 1;
  while (j < a.length) {
    if ((a[j] as number) > 0) b.push(a[j++] as number);
    else {
      j++;
      if (j < a.length) b[b.length - 1] = (b[b.length - 1] as number) + (a[j++] as number);
    }
  }
  return rle(h, w, b);
}

/** rleFrBbox: a box [x, y, w, h] rasterised as the polygon of its corners. */
export function rleFromBbox(bb: readonly number[], h: number, w: number): Rle {
  const [xs = 0, ys = 0, bw = 0, bh = 0] = bb;
  const xe = xs + bw;
  const ye = ys + bh;
  return rleFromPolygon([xs, ys, xs, ye, xe, ye, xe, ys], h, w);
}
