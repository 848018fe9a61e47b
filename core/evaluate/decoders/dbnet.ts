import type { TextRegion } from '../../api/predictions.js';
import { connectedComponents } from './components.js';
import type { DecodeContext, DecoderFamily } from './context.js';
import { toOriginalPoint } from './geometry.js';
import { convexHull, expandRect, insideQuad, minAreaRect, orderCorners, type Point } from './min-area-rect.js';
import { outputEntries, type DecoderTensor } from './tensors.js';

/**
 * DBNet text detection (PaddleOCR's PP-OCR det models), after PaddleOCR's DBPostProcess
 * (ppocr/postprocess/db_postprocess.py, boxes_from_bitmap with box_type 'quad', score_mode 'fast'):
 * 1. pixels whose text probability is above `threshold` form the bitmap;
 * 2. each connected region (findContours there; 8-connected components here, their outer outline)
 *    gets its minimum-area rectangle; one with a shorter side under min_size is dropped;
 * 3. its score is the mean probability inside that rectangle; under box_thresh it is dropped;
 * 4. the rectangle is unclipped by distance = area × unclip_ratio / perimeter. PaddleOCR offsets the
 *    rectangle with rounded joins (pyclipper) and takes the offset shape's minimum-area rectangle
 *    again: for a rectangle that is the rectangle grown by the distance on every side, which is
 *    what is computed here, without the rounded polygon;
 * 5. a result with a shorter side under min_size + 2 is dropped; corners are ordered as
 *    get_mini_boxes orders them and carried back to the original image.
 * Coordinates in the map are pixel indices, as OpenCV's contours are; the map is scaled to the input
 * as PaddleOCR scales it to the source image (x / map width × input width).
 */
export const dbnet: DecoderFamily = {
  name: 'dbnet',
  layout: '[1, 1, H, W]: text probability per pixel (sigmoid applied, as PP-OCR exports it)',
  match(outputs) {
    const maps = outputEntries(outputs).filter(([, t]) => t.dims.length === 4 && t.dims[0] === 1 && t.dims[1] === 1);
    if (maps.length !== 1) return { reason: `it reads one output [1, 1, H, W], and there are ${maps.length}` };
    const [name, t] = maps[0]!;
    if (t.dims[2]! < 2 || t.dims[3]! < 2) return { reason: `${name} [${t.dims.join(', ')}] is not an image-sized map` };
    return { decode: (ctx) => ({ kind: 'text', regions: decodeDb(t, ctx) }), output: name };
  },
};

function decodeDb(t: DecoderTensor, ctx: DecodeContext): TextRegion[] {
  const { threshold, boxThreshold, unclipRatio, maxCandidates, minSize } = ctx.spec.text;
  const h = t.dims[2]!, w = t.dims[3]!;
  const p = t.data;
  const bitmap = new Uint8Array(w * h);
  for (let i = 0; i < bitmap.length; i++) bitmap[i] = p[i]! > threshold ? 1 : 0;
  const g = ctx.geometry;
  const kx = g.input.width / w, ky = g.input.height / h;
  const regions: TextRegion[] = [];
  for (const component of connectedComponents(bitmap, w, h, maxCandidates)) {
    const rect = minAreaRect(convexHull(component.rowEnds));
    if (Math.min(rect.width, rect.height) < minSize) continue;
    const score = meanInside(p, w, h, rect.corners);
    if (score < boxThreshold) continue;
    const distance = (rect.width * rect.height * unclipRatio) / (2 * (rect.width + rect.height));
    const grown = expandRect(rect, distance);
    if (Math.min(grown.width, grown.height) < minSize + 2) continue;
    const points = orderCorners(grown.corners).map(([x, y]): [number, number] => {
      const [ox, oy] = toOriginalPoint(g, x * kx, y * ky);
      return [clamp(ox, g.original.width), clamp(oy, g.original.height)];
    });
    regions.push({ points, score });
  }
  return regions;
}

/** box_score_fast: the mean probability over the pixels inside the quadrilateral (edges included). */
function meanInside(p: ArrayLike<number>, w: number, h: number, quad: readonly Point[]): number {
  const xs = quad.map((q) => q[0]), ys = quad.map((q) => q[1]);
  const x0 = clampIndex(Math.floor(Math.min(...xs)), w), x1 = clampIndex(Math.ceil(Math.max(...xs)), w);
  const y0 = clampIndex(Math.floor(Math.min(...ys)), h), y1 = clampIndex(Math.ceil(Math.max(...ys)), h);
  let sum = 0, n = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (!insideQuad(quad, x, y)) continue;
      sum += p[y * w + x]!;
      n++;
    }
  }
  return n > 0 ? sum / n : 0;
}

function clampIndex(v: number, size: number): number {
  return Math.min(Math.max(v, 0), size - 1);
}

function clamp(v: number, max: number): number {
  return Math.min(Math.max(v, 0), max);
}
