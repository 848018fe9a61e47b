/**
 * The maskApi pieces of the COCOeval port against expectations worked out by hand: areas of shapes
 * whose covered pixel centres can be counted, compressed RLE strings encoded by the rules of
 * maskApi.c's rleToString, and box and mask IoUs from their intersection and union.
 */
import { describe, expect, it } from 'vitest';
import { boxIou, maskIou, maskIous } from '../../core/evaluate/coco/iou.js';
import { rleFromBbox, rleFromPolygon } from '../../core/evaluate/coco/polygon.js';
import { rle, rleArea, rleDecode, rleEncode, rleMerge, rleToBbox } from '../../core/evaluate/coco/rle.js';
import { rleFromString, rleToString } from '../../core/evaluate/coco/rle-string.js';

/** A mask drawn pixel by pixel: 1 where inside(x + .5, y + .5), stored column-major as COCO does. */
function drawn(h: number, w: number, inside: (cx: number, cy: number) => boolean) {
  const m = new Uint8Array(h * w);
  for (let x = 0; x < w; x++) for (let y = 0; y < h; y++) m[x * h + y] = inside(x + 0.5, y + 0.5) ? 1 : 0;
  return m;
}

describe('polygons to masks (rleFrPoly)', () => {
  it('covers the pixels whose centres lie inside a rectangle, with integer or fractional corners', () => {
    const r = rleFromPolygon([2, 3, 2, 11, 7, 11, 7, 3], 20, 15);
    expect(rleArea(r)).toBe(5 * 8);
    expect(rleToBbox(r)).toEqual([2, 3, 5, 8]);
    expect(rleDecode(r)).toEqual(drawn(20, 15, (x, y) => x > 2 && x < 7 && y > 3 && y < 11));
    // 0.4..3.6 holds the centres 0.5..3.5: four columns and rows.
    expect(rleArea(rleFromPolygon([0.4, 0.4, 3.6, 0.4, 3.6, 3.6, 0.4, 3.6], 10, 10))).toBe(16);
    expect(rleArea(rleFromBbox([1, 1, 4, 3], 10, 10))).toBe(12);
  });

  it('covers the pixel centres under a triangle\'s hypotenuse, none of which lies on it', () => {
    // (0,0), (10,0), (0,5): centre (i+.5, j+.5) is inside when i + 2j <= 8: 9 + 7 + 5 + 3 + 1 pixels.
    const r = rleFromPolygon([0, 0, 10, 0, 0, 5], 8, 12);
    expect(rleArea(r)).toBe(25);
    expect(rleDecode(r)).toEqual(drawn(8, 12, (x, y) => x / 10 + y / 5 < 1));
  });

  it('merges the parts of one object as a union, and intersects when asked', () => {
    const a = rleFromBbox([0, 0, 4, 4], 8, 8);
    const b = rleFromBbox([2, 2, 4, 4], 8, 8);
    expect(rleArea(rleMerge([a, b]))).toBe(16 + 16 - 4);
    expect(rleArea(rleMerge([a, b], true))).toBe(4);
    expect(rleToBbox(rleMerge([a, b]))).toEqual([0, 0, 6, 6]);
  });

  it('gives an empty mask an empty box, and spans the height when a run crosses columns', () => {
    expect(rleToBbox(rle(4, 4, [16]))).toEqual([0, 0, 0, 0]);
    // Pixels 3..5 in column-major order: (0,3), (1,0), (1,1) in (x, y).
    expect(rleToBbox(rle(4, 4, [3, 3, 10]))).toEqual([0, 0, 2, 4]);
  });
});

describe('compressed RLE strings (rleToString / rleFrString)', () => {
  it('writes counts 5 bits per character from "0", the fourth on as differences', () => {
    expect(rleToString(rle(1, 8, [0, 5, 3]))).toBe('053');
    // 20 and 30 have bit 4 (the sign bit) set, so each takes a continuation: "d" (20 | 32) "0" and
    // "n" (30 | 32) "0". The fourth is 5 - 20 = -15, whose low 5 bits 17 end the count: "A".
    expect(rleToString(rle(1, 65, [10, 20, 30, 5]))).toBe(':d0n0A');
    // 1000 = 8 + 31 * 32: "X" (8 | 32), "o" (31 | 32, sign bit set so one more), "0".
    expect(rleToString(rle(1, 1000, [1000]))).toBe('Xo0');
    expect(Array.from(rleFromString(':d0n0A', 1, 65).counts)).toEqual([10, 20, 30, 5]);
    expect(Array.from(rleFromString('Xo0', 1, 1000).counts)).toEqual([1000]);
  });

  it('round-trips masks with long and alternating runs', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 40; n++) {
      const h = 1 + Math.floor(random() * 60);
      const w = 1 + Math.floor(random() * 60);
      const p = random();
      const mask = new Uint8Array(h * w);
      let v = 0;
      for (let i = 0; i < mask.length; i++) {
        if (random() < p * 0.3) v ^= 1;
        mask[i] = v;
      }
      const r = rleEncode(mask, h, w);
      const back = rleFromString(rleToString(r), h, w);
      expect(back.counts).toEqual(r.counts);
      expect(rleDecode(back)).toEqual(mask);
    }
  });

  it('refuses characters that are not part of the code, naming the field', () => {
    expect(() => rleFromString('05 3', 1, 8, 'results[2].segmentation.counts')).toThrow(/results\[2\]\.segmentation\.counts: character " " at 2/);
    expect(() => rleFromString('n', 1, 8)).toThrow(/ends in the middle of a count/);
  });
});

describe('IoU (bbIou / rleIou)', () => {
  it('divides the intersection by the union, or by the detection\'s area for a crowd region', () => {
    expect(boxIou([0, 0, 10, 10], [5, 0, 10, 10], false)).toBe(50 / 150);
    expect(boxIou([0, 0, 10, 10], [5, 0, 10, 10], true)).toBe(50 / 100);
    expect(boxIou([0, 0, 10, 10], [10, 0, 10, 10], false)).toBe(0);
    expect(boxIou([0, 0, 10, 10], [20, 20, 5, 5], false)).toBe(0);
  });

  it('counts mask pixels the same way, and a detection inside a crowd region is fully covered', () => {
    const region = rleFromBbox([0, 0, 8, 8], 10, 10);
    const inside = rleFromBbox([2, 2, 2, 3], 10, 10);
    expect(maskIou(inside, region, false)).toBe(6 / 64);
    expect(maskIou(inside, region, true)).toBe(1);
    const ring = rleMerge([rleFromBbox([0, 0, 2, 10], 10, 10), rleFromBbox([8, 0, 2, 10], 10, 10)]);
    // Boxes overlap but masks do not: 0; boxes overlap but the image sizes differ: -1, never a match.
    expect(Array.from(maskIous([inside, rleFromBbox([0, 0, 1, 1], 5, 5)], [ring], [false]))).toEqual([0, -1]);
    expect(maskIou(rleFromBbox([0, 0, 1, 1], 5, 5), ring, false)).toBe(-1);
  });
});
