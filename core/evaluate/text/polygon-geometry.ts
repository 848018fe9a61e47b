/**
 * Exact area of the intersection of two simple polygons (convex or not), for the ICDAR IoU.
 * Two convex polygons are clipped directly (Sutherland–Hodgman). A concave one is first cut into
 * triangles by ear clipping; the triangles of one polygon cover it without overlap, so the area of
 * the intersection is the sum, over pairs of pieces, of each convex pair's clipped area. Exact up to
 * floating point, with no rasterisation. A self-intersecting polygon (a "bow tie") has no inside
 * that every tool agrees on, so it is refused where it is read.
 */
export type Point = readonly [number, number];

export function signedArea(p: readonly Point[]): number {
  let twice = 0;
  for (let i = 0; i < p.length; i++) {
    const [x0, y0] = p[i]!;
    const [x1, y1] = p[(i + 1) % p.length]!;
    twice += x0 * y1 - x1 * y0;
  }
  return twice / 2;
}

export function polygonArea(p: readonly Point[]): number {
  return Math.abs(signedArea(p));
}

function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Do segments ab and cd cross or touch (collinear overlap included)? */
function segmentsMeet(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const on = (p: Point, q: Point, r: Point) => Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  return (d1 === 0 && on(c, d, a)) || (d2 === 0 && on(c, d, b)) || (d3 === 0 && on(a, b, c)) || (d4 === 0 && on(a, b, d));
}

/** Without repeated corners: truncating to integers can fold two corners into one. */
function distinctCorners(p: readonly Point[]): Point[] {
  return p.filter((q, i) => {
    const next = p[(i + 1) % p.length]!;
    return q[0] !== next[0] || q[1] !== next[1];
  });
}

/** True when two edges that do not share a corner meet: the outline crosses itself. */
export function isSelfIntersecting(corners: readonly Point[]): boolean {
  const p = distinctCorners(corners);
  const n = p.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (segmentsMeet(p[i]!, p[(i + 1) % n]!, p[j]!, p[(j + 1) % n]!)) return true;
    }
  }
  return false;
}

/** Counter-clockwise in the maths sense (positive signed area); image-space "clockwise" quads come out reversed. */
function ccw(p: readonly Point[]): Point[] {
  return signedArea(p) < 0 ? [...p].reverse() : [...p];
}

export function isConvex(p: readonly Point[]): boolean {
  let sign = 0;
  for (let i = 0; i < p.length; i++) {
    const c = cross(p[i]!, p[(i + 1) % p.length]!, p[(i + 2) % p.length]!);
    if (c === 0) continue;
    if (sign === 0) sign = Math.sign(c);
    else if (Math.sign(c) !== sign) return false;
  }
  return true;
}

/** Sutherland–Hodgman: `subject` clipped by the convex, counter-clockwise `clip`. */
function clipConvex(subject: readonly Point[], clip: readonly Point[]): Point[] {
  let out: Point[] = [...subject];
  for (let i = 0; i < clip.length && out.length > 0; i++) {
    const a = clip[i]!;
    const b = clip[(i + 1) % clip.length]!;
    const input = out;
    out = [];
    for (let j = 0; j < input.length; j++) {
      const p = input[j]!;
      const q = input[(j + 1) % input.length]!;
      const cp = cross(a, b, p);
      const cq = cross(a, b, q);
      if (cp >= 0) out.push(p);
      if ((cp >= 0) !== (cq >= 0)) {
        const t = cp / (cp - cq);
        out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    }
  }
  return out;
}

/** Ear clipping of a simple counter-clockwise polygon into triangles. */
function triangulate(p: readonly Point[]): Point[][] {
  const v = [...p];
  const tris: Point[][] = [];
  let guard = 0;
  while (v.length > 3 && guard++ < 10_000) {
    let clipped = false;
    for (let i = 0; i < v.length; i++) {
      const a = v[(i + v.length - 1) % v.length]!;
      const b = v[i]!;
      const c = v[(i + 1) % v.length]!;
      if (cross(a, b, c) <= 0) continue;
      const corner = (q: Point) => (q[0] === a[0] && q[1] === a[1]) || (q[0] === b[0] && q[1] === b[1]) || (q[0] === c[0] && q[1] === c[1]);
      const inside = v.some((q) => !corner(q) && cross(a, b, q) >= 0 && cross(b, c, q) >= 0 && cross(c, a, q) >= 0);
      if (inside) continue;
      tris.push([a, b, c]);
      v.splice(i, 1);
      clipped = true;
      break;
    }
    // Only collinear corners remain: they enclose no area.
    if (!clipped) return tris;
  }
  if (v.length === 3 && cross(v[0]!, v[1]!, v[2]!) > 0) tris.push(v);
  return tris;
}

function convexPieces(p: readonly Point[]): Point[][] {
  const c = ccw(distinctCorners(p));
  if (c.length < 3) return [];
  return isConvex(c) ? [c] : triangulate(c);
}

function bounds(p: readonly Point[]): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of p) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

export function intersectionArea(a: readonly Point[], b: readonly Point[]): number {
  const [ax0, ay0, ax1, ay1] = bounds(a);
  const [bx0, by0, bx1, by1] = bounds(b);
  // Most pairs in an image are far apart: their bounds alone say the intersection is empty.
  if (ax1 <= bx0 || bx1 <= ax0 || ay1 <= by0 || by1 <= ay0) return 0;
  const pa = convexPieces(a);
  const pb = convexPieces(b);
  let area = 0;
  for (const x of pa) for (const y of pb) area += polygonArea(clipConvex(x, y));
  return area;
}
