/**
 * The geometry DBNet's post-processing needs from OpenCV, in plain TypeScript: the convex hull of a
 * point set and its minimum-area enclosing rectangle (cv2.minAreaRect) by rotating calipers.
 */

export type Point = [number, number];

/** Andrew's monotone chain; counter-clockwise in y-down pixel coordinates' mirror, collinear points dropped. */
export function convexHull(points: readonly Point[]): Point[] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length <= 2) return p;
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: Point[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0) upper.pop();
    upper.push(q);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

export interface RotatedRect {
  /** The four corners, in hull order. */
  corners: Point[];
  /** Side lengths along and across the caliper edge. */
  width: number;
  height: number;
}

/**
 * The smallest-area rectangle enclosing a convex hull has a side along one of the hull's edges
 * (Freeman and Shapira, 1975): try each edge as a caliper direction and keep the smallest box.
 * O(h²) over the hull's h vertices, which for a text region's hull is a few dozen.
 */
export function minAreaRect(hull: readonly Point[]): RotatedRect {
  if (hull.length === 0) return { corners: [], width: 0, height: 0 };
  if (hull.length === 1) return { corners: [hull[0]!, hull[0]!, hull[0]!, hull[0]!], width: 0, height: 0 };
  let best: RotatedRect | null = null;
  let bestArea = Infinity;
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i]!, b = hull[(i + 1) % hull.length]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len === 0) continue;
    const ux = (b[0] - a[0]) / len, uy = (b[1] - a[1]) / len;
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
    for (const p of hull) {
      const u = p[0] * ux + p[1] * uy;
      const v = -p[0] * uy + p[1] * ux;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea - 1e-9) {
      bestArea = area;
      const at = (u: number, v: number): Point => [u * ux - v * uy, u * uy + v * ux];
      best = { corners: [at(minU, minV), at(maxU, minV), at(maxU, maxV), at(minU, maxV)], width: maxU - minU, height: maxV - minV };
    }
  }
  return best!;
}

/** The rectangle pushed out by `distance` on every side, keeping its centre and orientation. */
export function expandRect(r: RotatedRect, distance: number): RotatedRect {
  const [a, b, , d] = r.corners as [Point, Point, Point, Point];
  const ul = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1, vl = Math.hypot(d[0] - a[0], d[1] - a[1]) || 1;
  const u: Point = [(b[0] - a[0]) / ul, (b[1] - a[1]) / ul];
  const v: Point = [(d[0] - a[0]) / vl, (d[1] - a[1]) / vl];
  const move = (p: Point, su: number, sv: number): Point => [p[0] + distance * (su * u[0] + sv * v[0]), p[1] + distance * (su * u[1] + sv * v[1])];
  const [, , c] = r.corners as [Point, Point, Point, Point];
  return { corners: [move(a, -1, -1), move(b, 1, -1), move(c, 1, 1), move(d, -1, 1)], width: r.width + 2 * distance, height: r.height + 2 * distance };
}

/**
 * PaddleOCR's get_mini_boxes order: corners sorted by x; of the two leftmost the upper is first and
 * the lower last, of the two rightmost the upper is second and the lower third.
 */
export function orderCorners(corners: readonly Point[]): Point[] {
  const p = [...corners].sort((a, b) => a[0] - b[0]);
  const [l0, l1, r0, r1] = p as [Point, Point, Point, Point];
  const [tl, bl] = l1[1] > l0[1] ? [l0, l1] : [l1, l0];
  const [tr, br] = r1[1] > r0[1] ? [r0, r1] : [r1, r0];
  return [tl, tr, br, bl];
}

/** Whether point p lies inside or on the convex quadrilateral q (any winding). */
export function insideQuad(q: readonly Point[], x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < q.length; i++) {
    const a = q[i]!, b = q[(i + 1) % q.length]!;
    const c = (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
    if (Math.abs(c) <= 1e-6 * (Math.abs(b[0] - a[0]) + Math.abs(b[1] - a[1]) + 1)) continue; // on the edge, within rounding
    const s = Math.sign(c);
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}
