/**
 * Run-length encoded binary masks, as COCO's maskApi.c keeps them: counts alternate between runs of
 * 0s and runs of 1s, starting with 0s, over the image read in column-major order (down each column,
 * then the next column). Every operation here follows maskApi.c line for line, so that areas, boxes
 * and IoUs agree with pycocotools to the last bit.
 */
export interface Rle {
  /** Image height. */
  readonly h: number;
  /** Image width. */
  readonly w: number;
  /** Run lengths, each an unsigned 32-bit integer as in maskApi.c. */
  readonly counts: Uint32Array;
}

export function rle(h: number, w: number, counts: ArrayLike<number>): Rle {
  return { h, w, counts: Uint32Array.from(counts) };
}

/** rleEncode: a column-major 0/1 mask of h*w bytes to its run lengths. */
export function rleEncode(mask: ArrayLike<number>, h: number, w: number): Rle {
  const cnts: number[] = [];
  let p = 0;
  let c = 0;
  for (let j = 0; j < h * w; j++) {
    const v = mask[j] ? 1 : 0;
    if (v !== p) {
      cnts.push(c);
      c = 0;
      p = v;
    }
    c++;
  }
  cnts.push(c);
  return rle(h, w, cnts);
}

/** rleDecode: run lengths back to a column-major 0/1 mask. */
export function rleDecode(r: Rle): Uint8Array {
  const mask = new Uint8Array(r.h * r.w);
  let at = 0;
  let v = 0;
  for (const n of r.counts) {
    if (v) mask.fill(1, at, at + n);
    at += n;
    v ^= 1;
  }
  return mask;
}

/** rleArea: the number of 1 pixels, the sum of the odd runs. */
export function rleArea(r: Rle): number {
  let a = 0;
  for (let j = 1; j < r.counts.length; j += 2) a += r.counts[j] as number;
  return a;
}

/**
 * rleToBbox: [x, y, w, h] of the mask's extent. Uses maskApi.c's unsigned arithmetic, including its
 * rule that a run of 1s crossing into a later column spans the whole height.
 */
export function rleToBbox(r: Rle): [number, number, number, number] {
  const h = r.h;
  const m = Math.floor(r.counts.length / 2) * 2;
  if (m === 0) return [0, 0, 0, 0];
  let xs = r.w;
  let ys = h;
  let xe = 0;
  let ye = 0;
  let cc = 0;
  let xp = 0;
  for (let j = 0; j < m; j++) {
    cc += r.counts[j] as number;
    const t = (cc - (j % 2)) >>> 0;
    const y = t % h;
    const x = (t - y) / h;
    if (j % 2 === 0) xp = x;
    else if (xp < x) {
      ys = 0;
      ye = h - 1;
    }
    xs = Math.min(xs, x);
    xe = Math.max(xe, x);
    ys = Math.min(ys, y);
    ye = Math.max(ye, y);
  }
  return [xs, ys, xe - xs + 1, ye - ys + 1];
}

/**
 * rleMerge: the union (or intersection) of masks of one size, as pycocotools merges the polygons of
 * one object. Masks of different sizes merge to an empty 0x0 mask, as maskApi.c does.
 */
export function rleMerge(rles: readonly Rle[], intersect = false): Rle {
  const first = rles[0];
  if (!first) return rle(0, 0, []);
  if (rles.length === 1) return first;
  let h = first.h;
  let w = first.w;
  let cnts: number[] = Array.from(first.counts);
  for (let i = 1; i < rles.length; i++) {
    const B = rles[i] as Rle;
    if (B.h !== h || B.w !== w) {
      h = w = 0;
      cnts = [];
      break;
    }
    const A = cnts;
    const out: number[] = [];
    let ca = A[0] as number;
    let cb = B.counts[0] as number;
    let v = 0;
    let va = 0;
    let vb = 0;
    let a = 1;
    let b = 1;
    let cc = 0;
    let ct = 1;
    while (ct > 0) {
      const c = Math.min(ca, cb);
      cc += c;
      ct = 0;
      ca -= c;
      if (!ca && a < A.length) {
        ca = A[a++] as number;
        va ^= 1;
      }
      ct += ca;
      cb -= c;
      if (!cb && b < B.counts.length) {
        cb = B.counts[b++] as number;
        vb ^= 1;
      }
      ct += cb;
      const vp = v;
      v = intersect ? va & vb : va | vb;
      if (v !== vp || ct === 0) {
        out.push(cc);
        cc = 0;
      }
    }
    cnts = out;
  }
  return rle(h, w, cnts);
}
