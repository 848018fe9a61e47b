/**
 * The exact polygon intersection area the ICDAR IoU rests on: hand-computed cases (convex, rotated,
 * concave, either winding), then random convex and star-shaped concave polygons against an
 * independent estimate that counts grid points inside both (even-odd rule).
 */
import { describe, expect, it } from 'vitest';
import { intersectionArea, isConvex, isSelfIntersecting, polygonArea, type Point } from '../../core/evaluate/text/polygon-geometry.js';

const rect = (x0: number, y0: number, x1: number, y1: number): Point[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const L: Point[] = [[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4]];

describe('intersection area, hand-computed', () => {
  it('axis-aligned rectangles: overlap, containment, touching, apart', () => {
    expect(intersectionArea(rect(0, 0, 10, 10), rect(5, 5, 15, 15))).toBe(25);
    expect(intersectionArea(rect(0, 0, 10, 10), rect(2, 3, 4, 5))).toBe(4);
    expect(intersectionArea(rect(0, 0, 10, 10), rect(10, 0, 20, 10))).toBe(0);
    expect(intersectionArea(rect(0, 0, 10, 10), rect(30, 30, 40, 40))).toBe(0);
  });

  it('a diamond inside a square, and a square turned 45° over another', () => {
    const diamond: Point[] = [[1, 0], [2, 1], [1, 2], [0, 1]];
    expect(intersectionArea(rect(0, 0, 2, 2), diamond)).toBeCloseTo(2, 12);
    // The diamond centred on the square's corner (2, 2) covers a quarter of itself inside the square.
    const onCorner: Point[] = [[2, 1], [3, 2], [2, 3], [1, 2]];
    expect(intersectionArea(rect(0, 0, 2, 2), onCorner)).toBeCloseTo(0.5, 12);
  });

  it('a concave L against a square: 2 + 1', () => {
    expect(isConvex(L)).toBe(false);
    expect(polygonArea(L)).toBe(7);
    expect(intersectionArea(L, rect(0, 0, 2, 2))).toBeCloseTo(3, 12);
    expect(intersectionArea(rect(0, 0, 2, 2), L)).toBeCloseTo(3, 12);
    expect(intersectionArea(L, L)).toBeCloseTo(7, 12);
  });

  it('does not depend on winding (image-space clockwise or not)', () => {
    const cw = rect(0, 0, 10, 10);
    const ccw = [...rect(5, 5, 15, 15)].reverse();
    expect(intersectionArea(cw, ccw)).toBe(25);
    expect(intersectionArea([...L].reverse(), rect(0, 0, 2, 2))).toBeCloseTo(3, 12);
  });

  it('a corner given twice (two points truncated to one) changes nothing', () => {
    const twice: Point[] = [[0, 0], [4, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4], [0, 0]];
    expect(intersectionArea(twice, rect(0, 0, 2, 2))).toBeCloseTo(3, 12);
    expect(intersectionArea([[0, 0], [10, 0], [10, 0], [10, 10], [0, 10]], rect(5, 5, 15, 15))).toBe(25);
    expect(intersectionArea([[0, 0], [0, 0], [0, 0]], rect(0, 0, 2, 2))).toBe(0);
  });

  it('tells a bow tie from a quadrilateral', () => {
    expect(isSelfIntersecting([[0, 0], [10, 10], [10, 0], [0, 10]])).toBe(true);
    expect(isSelfIntersecting(rect(0, 0, 10, 10))).toBe(false);
    expect(isSelfIntersecting(L)).toBe(false);
  });
});

/** A small deterministic generator (mulberry32), so a failure repeats. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Star-shaped around (cx, cy): simple by construction, concave unless the radii happen to agree. */
function star(r: () => number, cx: number, cy: number, n: number, radius: number, jitter: number): Point[] {
  return Array.from({ length: n }, (_, k) => {
    const angle = (2 * Math.PI * k) / n;
    const d = radius * (1 - jitter + jitter * r());
    return [cx + d * Math.cos(angle), cy + d * Math.sin(angle)] as const;
  });
}

function inside(p: readonly Point[], x: number, y: number): boolean {
  let odd = false;
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
    const [xi, yi] = p[i]!;
    const [xj, yj] = p[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

function gridEstimate(a: readonly Point[], b: readonly Point[], step: number): number {
  let hits = 0;
  // Only the square 2–18 can hold either polygon (centres 8–12, radius at most 5).
  for (let x = 2 + step / 2; x < 18; x += step) for (let y = 2 + step / 2; y < 18; y += step) if (inside(a, x, y) && inside(b, x, y)) hits++;
  return hits * step * step;
}

describe('intersection area against counted grid points', () => {
  it('random convex quadrilaterals (jitter 0) and concave star polygons', () => {
    const r = rng(2015);
    let overlapping = 0;
    for (let k = 0; k < 16; k++) {
      const concave = k % 2 === 1;
      const a = star(r, 8 + 4 * r(), 8 + 4 * r(), concave ? 9 : 4, 5, concave ? 0.6 : 0);
      const b = star(r, 8 + 4 * r(), 8 + 4 * r(), concave ? 7 : 4, 5, concave ? 0.6 : 0);
      const exact = intersectionArea(a, b);
      const counted = gridEstimate(a, b, 0.04);
      // Grid points near an edge fall either way; at this step the count is within 0.25 of the truth here, a
      // wrong piece of a polygon would be off by whole units.
      overlapping += exact > 5 ? 1 : 0;
      expect(Math.abs(exact - counted)).toBeLessThan(0.5);
      expect(exact).toBeLessThanOrEqual(Math.min(polygonArea(a), polygonArea(b)) + 1e-9);
    }
    // The cases must mostly overlap, or agreeing on 0 would prove nothing.
    expect(overlapping).toBeGreaterThan(12);
  });
});
