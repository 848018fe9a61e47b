import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ResizeMode } from '../../core/api/run-spec.js';
import { imageGeometry, toInputPoint, toOriginalBox } from '../../core/evaluate/decoders/geometry.js';
import { decodeAndResize } from '../../core/inputs/images/decode-image.js';

/** A black PNG (or JPEG, which libvips may shrink while decoding) with one white rectangle [x, y, w, h]. */
async function marked(width: number, height: number, rect: readonly number[], format: 'png' | 'jpeg' = 'png'): Promise<Uint8Array> {
  const px = Buffer.alloc(width * height * 3);
  const [rx, ry, rw, rh] = rect as [number, number, number, number];
  for (let y = ry; y < ry + rh; y++) px.fill(255, (y * width + rx) * 3, (y * width + rx + rw) * 3);
  const image = sharp(px, { raw: { width, height, channels: 3 } });
  return (format === 'png' ? image.png() : image.jpeg({ quality: 100, chromaSubsampling: '4:4:4' })).toBuffer();
}

/**
 * Where the rectangle landed in the resized pixels, measured from the pixels alone: along the
 * middle row (column), the white mass is the rectangle's width and its centroid is its centre, so
 * the edges come out at sub-pixel precision whatever the resampling blur.
 */
function measure(rgb: Uint8Array, width: number, height: number, row: number, column: number): { x1: number; x2: number; y1: number; y2: number } {
  const edges = (n: number, at: (i: number) => number) => {
    let mass = 0, moment = 0;
    for (let i = 0; i < n; i++) {
      const v = at(i) / 255;
      mass += v;
      moment += v * (i + 0.5);
    }
    const centre = moment / mass;
    return [centre - mass / 2, centre + mass / 2] as const;
  };
  const [x1, x2] = edges(width, (x) => rgb[(row * width + x) * 3]!);
  const [y1, y2] = edges(height, (y) => rgb[(y * width + column) * 3]!);
  return { x1, x2, y1, y2 };
}

const cases: { original: [number, number]; input: [number, number]; rect: [number, number, number, number]; format?: 'jpeg' }[] = [
  { original: [3001, 2001], input: [640, 640], rect: [900, 700, 1200, 500], format: 'jpeg' }, // shrink-on-load: JPEG decoded at 1/4 first
  { original: [500, 333], input: [640, 640], rect: [100, 50, 120, 80] }, // both axes upscaled
  { original: [1001, 451], input: [320, 320], rect: [400, 100, 300, 200] }, // both downscaled
  { original: [333, 500], input: [224, 160], rect: [100, 200, 100, 80] },
  { original: [120, 400], input: [200, 200], rect: [30, 150, 60, 100] }, // x up, y down when stretched
  { original: [400, 400], input: [800, 399], rect: [100, 120, 150, 90] }, // x up, y down by one pixel
  { original: [777, 333], input: [96, 64], rect: [300, 100, 200, 100] },
];

describe('the preprocessing geometry, against what sharp really draws', () => {
  for (const resize of ['letterbox', 'center-crop', 'stretch'] as ResizeMode[]) {
    for (const { original, input, rect, format } of cases) {
      it(`${resize} ${original.join('×')} ${format ?? 'png'} → ${input.join('×')}: the marked rectangle lands where the geometry says, and maps back`, async () => {
        const [ow, oh] = original, [iw, ih] = input;
        const { pixels } = await decodeAndResize(await marked(ow, oh, rect, format), 'marked', ih, iw, { resize, padValue: 0 });
        const g = imageGeometry({ width: ow, height: oh }, { width: iw, height: ih }, resize);
        const [ex1, ey1] = toInputPoint(g, rect[0], rect[1]);
        const [ex2, ey2] = toInputPoint(g, rect[0] + rect[2], rect[1] + rect[3]);
        const m = measure(pixels, iw, ih, Math.floor((ey1 + ey2) / 2), Math.floor((ex1 + ex2) / 2));
        // Within a third of an input pixel: libvips' box pre-shrink on large reductions moves edges by up to ~0.2.
        for (const [measured, expected] of [[m.x1, ex1], [m.x2, ex2], [m.y1, ey1], [m.y2, ey2]] as const) expect(Math.abs(measured - expected)).toBeLessThan(0.34);
        // And the measured box, carried back, is the drawn rectangle to within the same error in original pixels.
        const back = toOriginalBox(g, m.x1, m.y1, m.x2, m.y2)!;
        const tolerance = 0.34 / Math.min(g.x.scale, g.y.scale);
        back.forEach((v, i) => expect(Math.abs(v - rect[i]!)).toBeLessThan(tolerance));
      });
    }
  }

  it('letterbox padding and scaled size are sharp\'s integers: rint(original / shrink), at least 1, embedded at ⌊pad / 2⌋', async () => {
    for (const [ow, oh, iw, ih] of [[500, 333, 640, 640], [101, 37, 64, 64], [1000, 3, 64, 64], [37, 101, 60, 64], [999, 501, 64, 48]] as [number, number, number, number][]) {
      const grey = await sharp({ create: { width: ow, height: oh, channels: 3, background: { r: 200, g: 200, b: 200 } } }).png().toBuffer();
      const { pixels } = await decodeAndResize(grey, 'grey.png', ih, iw, { resize: 'letterbox', padValue: 0 });
      let left: number = iw, top: number = ih, right = -1, bottom = -1;
      for (let y = 0; y < ih; y++) for (let x = 0; x < iw; x++) if (pixels[(y * iw + x) * 3]! > 100) (left = Math.min(left, x)), (top = Math.min(top, y)), (right = Math.max(right, x)), (bottom = Math.max(bottom, y));
      const g = imageGeometry({ width: ow, height: oh }, { width: iw, height: ih }, 'letterbox');
      expect(g.content, `${ow}×${oh} → ${iw}×${ih}`).toEqual({ left, top, width: right - left + 1, height: bottom - top + 1 });
    }
  });

  it('center-crop takes sharp\'s crop offset ⌊(resized − target + 1) / 2⌋', () => {
    const g = imageGeometry({ width: 101, height: 50 }, { width: 50, height: 50 }, 'center-crop');
    // resized 101 × 50 (no scaling), crop from x = 26: original x 26 is input x 0
    expect(g.x).toEqual({ scale: 1, offset: -26 });
    expect(toOriginalBox(g, 0, 0, 50, 50)).toEqual([26, 0, 50, 50]);
  });

  it('clips boxes to the image and drops boxes that lie wholly in the padding', () => {
    const g = imageGeometry({ width: 200, height: 100 }, { width: 100, height: 100 }, 'letterbox');
    // 200 × 100 → 100 × 50 at top 25: the pad rows are 0–25 and 75–100.
    expect(g.content).toEqual({ left: 0, top: 25, width: 100, height: 50 });
    expect(toOriginalBox(g, -10, 20, 50, 50)).toEqual([0, 0, 100, 50]);
    expect(toOriginalBox(g, 10, 0, 20, 24)).toBeNull();
  });
});
