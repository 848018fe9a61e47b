/**
 * Ground truth and detections grouped per category and image, as COCOeval's _prepare groups them
 * into _gts[imgId, catId] and _dts[imgId, catId]: each group keeps file order, images come in
 * ascending id order, and each image's detections are sorted best first and cut at maxDets.
 */
import type { CocoObject } from './dataset.js';
import type { CategoryImages } from './evaluate-image.js';

export interface GroupedCategory {
  images: CategoryImages;
  /** Indices into the ground truth's annotations and the results' detections, in the arrays' order. */
  gtIndex: Int32Array;
  dtIndex: Int32Array;
}

/** A stable counting sort of `order` by `key` (0 <= key < buckets). */
function countingSort(order: Int32Array, key: Int32Array, buckets: number): Int32Array {
  const start = new Int32Array(buckets + 1);
  for (const i of order) start[(key[i] as number) + 1] = (start[(key[i] as number) + 1] as number) + 1;
  for (let b = 0; b < buckets; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  const out = new Int32Array(order.length);
  for (const i of order) {
    const b = key[i] as number;
    const at = start[b] as number;
    out[at] = i;
    start[b] = at + 1;
  }
  return out;
}

/** Indices of `objects` ordered by category, then image, then file order; and where each category starts. */
function sortByCategoryAndImage(objects: readonly CocoObject[], catIndex: ReadonlyMap<number, number>, imageIndex: ReadonlyMap<number, number>, K: number) {
  const n = objects.length;
  const cat = new Int32Array(n);
  const img = new Int32Array(n);
  objects.forEach((o, i) => {
    cat[i] = catIndex.get(o.categoryId) as number;
    img[i] = imageIndex.get(o.imageId) as number;
  });
  const byImage = countingSort(Int32Array.from({ length: n }, (_, i) => i), img, imageIndex.size);
  const order = countingSort(byImage, cat, K);
  const catStart = new Int32Array(K + 1);
  for (let i = 0; i < n; i++) catStart[(cat[i] as number) + 1] = (catStart[(cat[i] as number) + 1] as number) + 1;
  for (let k = 0; k < K; k++) catStart[k + 1] = (catStart[k + 1] as number) + (catStart[k] as number);
  return { order, img, catStart };
}

export function groupByCategory(
  gts: readonly CocoObject[],
  dts: readonly CocoObject[],
  categoryIds: readonly number[],
  imageIndex: ReadonlyMap<number, number>,
  imageIds: readonly number[],
  maxDet: number,
): GroupedCategory[] {
  const K = categoryIds.length;
  const catIndex = new Map(categoryIds.map((id, k) => [id, k]));
  const g = sortByCategoryAndImage(gts, catIndex, imageIndex, K);
  const d = sortByCategoryAndImage(dts, catIndex, imageIndex, K);
  const scores = Float64Array.from(dts, (o) => o.score);
  return categoryIds.map((_, k) => {
    const images: number[] = [];
    const gtStart: number[] = [0];
    const dtStart: number[] = [0];
    const gtIndex: number[] = [];
    const dtIndex: number[] = [];
    let gi = g.catStart[k] as number;
    let di = d.catStart[k] as number;
    const gEnd = g.catStart[k + 1] as number;
    const dEnd = d.catStart[k + 1] as number;
    while (gi < gEnd || di < dEnd) {
      const image = Math.min(gi < gEnd ? (g.img[g.order[gi] as number] as number) : Infinity, di < dEnd ? (d.img[d.order[di] as number] as number) : Infinity);
      images.push(imageIds[image] as number);
      while (gi < gEnd && g.img[g.order[gi] as number] === image) gtIndex.push(g.order[gi++] as number);
      const from = dtIndex.length;
      while (di < dEnd && d.img[d.order[di] as number] === image) {
        // Insertion sort, best score first; equal scores keep file order (np.argsort(-score, kind='mergesort')).
        const i = d.order[di++] as number;
        const s = scores[i] as number;
        let at = dtIndex.length;
        dtIndex.push(i);
        while (at > from && (scores[dtIndex[at - 1] as number] as number) < s) {
          dtIndex[at] = dtIndex[at - 1] as number;
          at--;
        }
        dtIndex[at] = i;
      }
      if (dtIndex.length - from > maxDet) dtIndex.length = from + maxDet;
      gtStart.push(gtIndex.length);
      dtStart.push(dtIndex.length);
    }
    const nd = dtIndex.length;
    const ng = gtIndex.length;
    const c: CategoryImages = {
      imageIds: images,
      dtStart: Int32Array.from(dtStart),
      gtStart: Int32Array.from(gtStart),
      dtIds: new Float64Array(nd),
      dtScores: new Float64Array(nd),
      dtAreas: new Float64Array(nd),
      gtIds: new Float64Array(ng),
      gtAreas: new Float64Array(ng),
      gtCrowd: new Uint8Array(ng),
    };
    for (let i = 0; i < nd; i++) {
      const o = dts[dtIndex[i] as number] as CocoObject;
      c.dtIds[i] = o.id;
      c.dtScores[i] = o.score;
      c.dtAreas[i] = o.area;
    }
    for (let i = 0; i < ng; i++) {
      const o = gts[gtIndex[i] as number] as CocoObject;
      c.gtIds[i] = o.id;
      c.gtAreas[i] = o.area;
      c.gtCrowd[i] = o.iscrowd ? 1 : 0;
    }
    return {
      images: c,
      gtIndex: Int32Array.from(gtIndex),
      dtIndex: Int32Array.from(dtIndex),
    };
  });
}
