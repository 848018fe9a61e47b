import type { Point } from './min-area-rect.js';

/** A connected region of set pixels: its size, and per row its leftmost and rightmost pixel (enough for the hull). */
export interface Component {
  pixels: number;
  /** Row ends as pixel indices (x, y): the convex hull of a region is the hull of these. */
  rowEnds: Point[];
}

/**
 * 8-connected components of `bitmap` (row-major, width × height), in raster order of their first
 * pixel, at most `limit` of them. Holes are part of their region: DBNet's regions are text lines,
 * and only their outer outline decides the rectangle.
 */
export function connectedComponents(bitmap: Uint8Array, width: number, height: number, limit: number): Component[] {
  const label = new Int32Array(width * height);
  const stack: number[] = [];
  const out: Component[] = [];
  for (let start = 0; start < bitmap.length && out.length < limit; start++) {
    if (!bitmap[start] || label[start]) continue;
    const id = out.length + 1;
    const left = new Map<number, number>();
    const right = new Map<number, number>();
    let pixels = 0;
    label[start] = id;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % width, y = (i - x) / width;
      pixels++;
      if (!(left.get(y)! <= x)) left.set(y, x);
      if (!(right.get(y)! >= x)) right.set(y, x);
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const j = ny * width + nx;
          if (bitmap[j] && !label[j]) {
            label[j] = id;
            stack.push(j);
          }
        }
      }
    }
    const rowEnds: Point[] = [];
    for (const [y, x] of left) rowEnds.push([x, y], [right.get(y)!, y]);
    out.push({ pixels, rowEnds });
  }
  return out;
}
