import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { DecoderSpecSchema, type Prediction } from '../../core/api/predictions.js';
import type { ResizeMode } from '../../core/api/run-spec.js';
import { rleDecode } from '../../core/evaluate/coco/rle.js';
import { rleFromString } from '../../core/evaluate/coco/rle-string.js';
import { decodeOutputs } from '../../core/evaluate/decoders/decode.js';
import { imageGeometry } from '../../core/evaluate/decoders/geometry.js';
import { decoderOutputs } from '../../core/evaluate/decoders/ort-outputs.js';
import { decodeAndResize } from '../../core/inputs/images/decode-image.js';
import { pixelsToTensor } from '../../core/inputs/images/pixels-to-tensor.js';
import { SessionSettingsSchema } from '../../core/api/run-spec.js';
import { ort } from '../../core/runtime/ort.js';
import { createSession } from '../../core/runtime/session.js';
import { ModelBuilder } from '../../models/onnx-builder.js';

const INPUT = 64;
let dir: string;
let saliencyModel: string;
let logitsModel: string;

/**
 * Two stand-ins for segmenters whose answer is known: the image's red channel as a foreground
 * probability map [1, 1, H, W] (a saliency model that finds white), and the three channels as the
 * scores of three classes [1, 3, H, W] (a segmenter that finds red, green and blue regions).
 */
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'edgelab-masks-'));
  const s = new ModelBuilder({ graphName: 'red_is_foreground' });
  const x = s.input('images', 'float32', [1, 3, INPUT, INPUT]);
  s.node('Slice', [x, s.constant('starts', 'int64', [0]), s.constant('ends', 'int64', [1]), s.constant('axes', 'int64', [1])], 'mask');
  s.output('mask', 'float32', [1, 1, INPUT, INPUT]);
  saliencyModel = path.join(dir, 'saliency.onnx');
  await writeFile(saliencyModel, s.toBytes());
  const l = new ModelBuilder({ graphName: 'colour_is_class' });
  l.node('Identity', [l.input('images', 'float32', [1, 3, INPUT, INPUT])], 'logits');
  l.output('logits', 'float32', [1, 3, INPUT, INPUT]);
  logitsModel = path.join(dir, 'logits.onnx');
  await writeFile(logitsModel, l.toBytes());
});

/** An original image from a per-pixel colour function, preprocessed by the real pipeline, run, decoded. */
async function segment(model: string, decoder: 'saliency' | 'class-logits', width: number, height: number, resize: ResizeMode, colour: (x: number, y: number) => [number, number, number]): Promise<Extract<Prediction, { kind: 'mask' }>> {
  const px = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) px.set(colour(x, y), (y * width + x) * 3);
  const png = await sharp(px, { raw: { width, height, channels: 3 } }).png().toBuffer();
  const { pixels } = await decodeAndResize(png, 'scene.png', INPUT, INPUT, { resize, padValue: 0 });
  const input = pixelsToTensor(pixels, INPUT, INPUT, { channelOrder: 'rgb', layout: 'nchw', scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1], dtype: 'float32' }) as Float32Array;
  const { session } = await createSession(model, SessionSettingsSchema.parse({}));
  try {
    const outputs = await session.run({ images: new ort.Tensor('float32', input, [1, 3, INPUT, INPUT]) });
    const p = decodeOutputs(DecoderSpecSchema.parse({ name: decoder }), decoderOutputs(outputs, session.outputNames), imageGeometry({ width, height }, { width: INPUT, height: INPUT }, resize));
    if (p.kind !== 'mask') throw new Error(p.kind);
    return p;
  } finally {
    await session.release();
  }
}

/** The class of each original pixel, column-major as COCO's RLE runs; -1 where no class covers it. */
function perPixel(p: Extract<Prediction, { kind: 'mask' }>): Int16Array {
  const out = new Int16Array(p.width * p.height).fill(-1);
  for (const c of p.classes) {
    expect(c.rle.size).toEqual([p.height, p.width]);
    rleDecode(rleFromString(c.rle.counts, p.height, p.width)).forEach((v, i) => {
      if (!v) return;
      expect(out[i], 'two classes claim one pixel').toBe(-1);
      out[i] = c.classIndex;
    });
  }
  return out;
}

const inEllipse = (x: number, y: number, cx: number, cy: number, rx: number, ry: number) => ((x + 0.5 - cx) / rx) ** 2 + ((y + 0.5 - cy) / ry) ** 2 <= 1;

describe('masks back on the original image, through a real ONNX Runtime session', () => {
  for (const [width, height] of [[150, 90], [40, 25]] as const) {
    it(`saliency: a letterboxed ${width}×${height} ellipse comes back at its original size and place`, async () => {
      const truth = (x: number, y: number) => inEllipse(x, y, width * 0.45, height * 0.55, width * 0.3, height * 0.35);
      const p = await segment(saliencyModel, 'saliency', width, height, 'letterbox', (x, y) => (truth(x, y) ? [255, 255, 255] : [0, 0, 0]));
      expect([p.width, p.height]).toEqual([width, height]);
      expect(p.classes.map((c) => c.className)).toEqual(['background', 'foreground']);
      const labels = perPixel(p);
      expect(labels.includes(-1)).toBe(false); // a letterbox shows every pixel
      let inter = 0, union = 0;
      for (let x = 0; x < width; x++) {
        for (let y = 0; y < height; y++) {
          const t = truth(x, y), d = labels[x * height + y] === 1;
          inter += t && d ? 1 : 0;
          union += t || d ? 1 : 0;
        }
      }
      // Only the outline can differ: resampled twice (down to 64 and back) it moves by under a pixel.
      expect(inter / union).toBeGreaterThan(0.93);
    });
  }

  it('center-crop: pixels the crop cut away get no class at all', async () => {
    const p = await segment(saliencyModel, 'saliency', 128, 64, 'center-crop', (x) => (x >= 56 && x < 72 ? [255, 255, 255] : [0, 0, 0]));
    const labels = perPixel(p);
    // 128 × 64 → 64 × 64: the shorter side already fits, so sharp crops x 32–96 unscaled.
    for (let x = 0; x < 128; x++) {
      const seen = x >= 32 && x < 96;
      expect(labels[x * 64 + 32] !== -1, `column ${x}`).toBe(seen);
      if (seen && (x < 54 || x > 73)) expect(labels[x * 64 + 32], `column ${x}`).toBe(0);
      if (x >= 58 && x < 70) expect(labels[x * 64 + 32], `column ${x}`).toBe(1);
    }
  });

  it('class-logits: each original pixel takes the class of the highest resampled score', async () => {
    // Three regions on a 120 × 80 image: red left, green a disc, blue right.
    const truth = (x: number, y: number) => (inEllipse(x, y, 60, 40, 18, 18) ? 1 : x < 60 ? 0 : 2);
    const colours: [number, number, number][] = [[230, 20, 20], [20, 230, 20], [20, 20, 230]];
    const p = await segment(logitsModel, 'class-logits', 120, 80, 'letterbox', (x, y) => colours[truth(x, y)]!);
    expect(p.classes.map((c) => [c.classIndex, c.className])).toEqual([[0, 'class 0'], [1, 'class 1'], [2, 'class 2']]);
    const labels = perPixel(p);
    let right = 0;
    for (let x = 0; x < 120; x++) for (let y = 0; y < 80; y++) right += labels[x * 80 + y] === truth(x, y) ? 1 : 0;
    expect(right / (120 * 80)).toBeGreaterThan(0.97);
  });

  it('saliency logits: a sigmoid is implied when values leave [0, 1], so the cut falls at logit 0', () => {
    // A 4 × 2 map of logits shown to the model unscaled (stretch, same size): positive is foreground.
    const logits = Float32Array.from([-3, -0.1, 0.1, 4, -2, 0.2, -0.3, 5]);
    const g = imageGeometry({ width: 4, height: 2 }, { width: 4, height: 2 }, 'stretch');
    const decode = (activation: 'auto' | 'none') => {
      const p = decodeOutputs(DecoderSpecSchema.parse({ name: 'saliency', activation, classes: { file: null, names: ['sky', 'plane'] } }), { out: { dims: [1, 1, 2, 4], data: logits } }, g);
      if (p.kind !== 'mask') throw new Error(p.kind);
      return p;
    };
    const auto = decode('auto');
    expect(auto.classes.map((c) => c.className)).toEqual(['sky', 'plane']);
    // Column-major, as COCO's RLE: (x0: -3, -2) (x1: -0.1, 0.2) (x2: 0.1, -0.3) (x3: 4, 5).
    expect(Array.from(perPixel(auto))).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
    // Read as probabilities, only values above 0.5 count.
    expect(Array.from(perPixel(decode('none')))).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
  });
});
