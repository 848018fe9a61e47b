import { describe, expect, it } from 'vitest';
import { DecoderSpecSchema, type TextRegion } from '../../core/api/predictions.js';
import { decodeOutputs } from '../../core/evaluate/decoders/decode.js';
import { imageGeometry } from '../../core/evaluate/decoders/geometry.js';
import { convexHull, minAreaRect, type Point } from '../../core/evaluate/decoders/min-area-rect.js';

const W = 160, H = 120;

interface Drawn {
  cx: number;
  cy: number;
  w: number;
  h: number;
  /** Degrees, clockwise on screen (y down). */
  angle: number;
  p: number;
}

/** A probability map: `p` at pixels whose centre lies in a rotated rectangle, 0.05 elsewhere. */
function probabilityMap(shapes: readonly Drawn[]): Float32Array {
  const map = new Float32Array(W * H).fill(0.05);
  for (const s of shapes) {
    const a = (s.angle * Math.PI) / 180;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const dx = x + 0.5 - s.cx, dy = y + 0.5 - s.cy;
        const u = dx * Math.cos(a) + dy * Math.sin(a), v = -dx * Math.sin(a) + dy * Math.cos(a);
        if (Math.abs(u) <= s.w / 2 && Math.abs(v) <= s.h / 2) map[y * W + x] = s.p;
      }
    }
  }
  return map;
}

function decode(map: Float32Array): TextRegion[] {
  const spec = DecoderSpecSchema.parse({ name: 'dbnet' });
  const p = decodeOutputs(spec, { 'sigmoid_0.tmp_0': { dims: [1, 1, H, W], data: map, dtype: 'float32' } }, imageGeometry({ width: W, height: H }, { width: W, height: H }, 'stretch'));
  if (p.kind !== 'text') throw new Error(p.kind);
  return p.regions;
}

const length = (a: Point, b: Point) => Math.hypot(b[0] - a[0], b[1] - a[1]);

describe('DBNet text maps to quadrilaterals (PaddleOCR DBPostProcess)', () => {
  it('finds the minimum-area rectangle of a rotated point set by rotating calipers', () => {
    // Corners of a 40 × 10 rectangle turned by 30°, and points inside it.
    const a = Math.PI / 6, c = Math.cos(a), s = Math.sin(a);
    const at = (u: number, v: number): Point => [100 + u * c - v * s, 50 + u * s + v * c];
    const points = [at(-20, -5), at(20, -5), at(20, 5), at(-20, 5), at(0, 0), at(10, 2), at(-15, -4)];
    const r = minAreaRect(convexHull(points));
    expect([Math.max(r.width, r.height), Math.min(r.width, r.height)].map((v) => v.toFixed(9))).toEqual(['40.000000000', '10.000000000']);
    const corners = r.corners.map((p) => p.map((v) => v.toFixed(6)).join(',')).sort();
    expect(corners).toEqual([at(-20, -5), at(20, -5), at(20, 5), at(-20, 5)].map((p) => p.map((v) => v.toFixed(6)).join(',')).sort());
  });

  it('decodes two rotated text lines into their unclipped rectangles, corners clockwise from the top-left', () => {
    const lines: Drawn[] = [
      { cx: 50, cy: 40, w: 60, h: 16, angle: 20, p: 0.9 },
      { cx: 112, cy: 88, w: 50, h: 14, angle: -35, p: 0.85 },
    ];
    const regions = decode(probabilityMap(lines));
    expect(regions).toHaveLength(2);
    for (const [i, line] of lines.entries()) {
      const r = regions[i]!;
      const [tl, tr, br, bl] = r.points as [Point, Point, Point, Point];
      // Centre and direction of the drawn line.
      expect(Math.abs((tl[0] + br[0]) / 2 - line.cx)).toBeLessThan(0.6);
      expect(Math.abs((tl[1] + br[1]) / 2 - line.cy)).toBeLessThan(0.6);
      const angle = (Math.atan2(tr[1] - tl[1], tr[0] - tl[0]) * 180) / Math.PI;
      expect(Math.abs(angle - line.angle)).toBeLessThan(2);
      // The pixel centres of a turned rectangle reach to within a fraction of a pixel of its drawn
      // edges; DB unclips their rectangle by area × 1.5 / perimeter on every side.
      const { w, h } = line, d = (w * h * 1.5) / (2 * (w + h));
      expect(Math.abs(length(tl, tr) - (w + 2 * d))).toBeLessThan(1);
      expect(Math.abs(length(tl, bl) - (h + 2 * d))).toBeLessThan(1);
      expect(r.score).toBeGreaterThan(line.p - 0.1);
      expect(r.score).toBeLessThanOrEqual(Math.fround(line.p));
    }
  });

  it('drops a region whose mean probability is under the box threshold, and one under the minimum size', () => {
    const regions = decode(
      probabilityMap([
        { cx: 50, cy: 40, w: 60, h: 16, angle: 0, p: 0.45 }, // text-ish (> 0.3) but not sure enough (< 0.6)
        { cx: 120, cy: 30, w: 2, h: 2, angle: 0, p: 0.99 }, // a speck: shorter side under 3
        { cx: 100, cy: 90, w: 40, h: 12, angle: 0, p: 0.95 },
      ]),
    );
    expect(regions).toHaveLength(1);
    const [tl, , br] = regions[0]!.points as [Point, Point, Point, Point];
    expect([(tl[0] + br[0]) / 2, (tl[1] + br[1]) / 2].map((v) => Math.round(v))).toEqual([100, 90]);
  });
});
