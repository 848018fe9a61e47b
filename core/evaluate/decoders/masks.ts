import type { MaskClass, Prediction } from '../../api/predictions.js';
import { rleEncode } from '../coco/rle.js';
import { rleToString } from '../coco/rle-string.js';
import { classNames, type DecodeContext, type DecoderFamily } from './context.js';
import type { ImageGeometry } from './geometry.js';
import { squeezeLeading, type DecoderTensor, outputEntries } from './tensors.js';

/**
 * Per-pixel outputs back on the original image. Each original pixel's centre is carried into the
 * model's input by the run's geometry, then into the output map (which may be smaller than the
 * input, e.g. H/4), where the map is read bilinearly (OpenCV's and PyTorch's align_corners=False
 * convention): this crops the letterbox padding and resizes back in one step. Pixels that fall
 * outside a center-crop were never seen and get no class.
 */
interface Sampling {
  /** Per original column (row): where its pixel centres read the map, or NaN where the model never saw it. */
  xs: Float64Array;
  ys: Float64Array;
}

/** The geometry is separable (each axis on its own), so each column and row is placed once. */
function sampling(g: ImageGeometry, mapW: number, mapH: number): Sampling {
  const place = (n: number, scale: number, offset: number, from: number, to: number, inputSize: number, mapSize: number) => {
    const k = mapSize / inputSize;
    return Float64Array.from({ length: n }, (_, o) => {
      const at = (o + 0.5) * scale + offset;
      return at < from || at > to ? Number.NaN : Math.min(Math.max(at * k - 0.5, 0), mapSize - 1);
    });
  };
  const c = g.content;
  return {
    xs: place(g.original.width, g.x.scale, g.x.offset, c.left, c.left + c.width, g.input.width, mapW),
    ys: place(g.original.height, g.y.scale, g.y.offset, c.top, c.top + c.height, g.input.height, mapH),
  };
}

function bilinear(data: ArrayLike<number>, base: number, w: number, h: number, x: number, y: number): number {
  const x0 = Math.floor(x), y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
  const fx = x - x0, fy = y - y0;
  const top = data[base + y0 * w + x0]! * (1 - fx) + data[base + y0 * w + x1]! * fx;
  const bottom = data[base + y1 * w + x0]! * (1 - fx) + data[base + y1 * w + x1]! * fx;
  return top * (1 - fy) + bottom * fy;
}

/** Column-major class-per-pixel (255: unseen) to one RLE per class present, as COCO stores masks. */
function maskPrediction(labels: Uint8Array, g: ImageGeometry, classCount: number, ctx: DecodeContext, defaults: readonly string[]): Prediction {
  const { width, height } = g.original;
  const names = classNames(ctx);
  const classes: MaskClass[] = [];
  const present = new Uint8Array(256);
  for (let i = 0; i < labels.length; i++) present[labels[i]!] = 1;
  const mask = new Uint8Array(labels.length);
  for (let k = 0; k < classCount; k++) {
    if (!present[k]) continue;
    for (let i = 0; i < labels.length; i++) mask[i] = labels[i] === k ? 1 : 0;
    const rle = rleEncode(mask, height, width);
    const categoryId = ctx.classes?.categoryIds[k];
    classes.push({
      classIndex: k,
      className: names?.[k] ?? defaults[k] ?? `class ${k}`,
      ...(categoryId !== undefined && categoryId !== null ? { categoryId } : {}),
      rle: { size: [height, width], counts: rleToString(rle) },
    });
  }
  return { kind: 'mask', width, height, classes };
}

const UNSEEN = 255;

/** One-channel foreground probability (or logit) maps: ISNet, U²-Net, MODNet, BiRefNet. */
export const saliency: DecoderFamily = {
  name: 'saliency',
  layout: '[1, 1, H, W]: foreground probability or logit per pixel',
  match(outputs) {
    const maps = outputEntries(outputs).filter(([, t]) => t.dims.length === 4 && t.dims[0] === 1 && t.dims[1] === 1);
    // ISNet exports its side outputs too ('1890'…); the first in the model's order is the fused, full-resolution one.
    const [name, t] = maps[0] ?? [];
    if (!t || !name) return { reason: 'no output is a one-channel map [1, 1, H, W]' };
    const [h, w] = t.dims.slice(2);
    if (h! < 2 || w! < 2) return { reason: `${name} [${t.dims.join(', ')}] is not an image-sized map` };
    return { decode: (ctx) => decodeSaliency(t, w!, h!, ctx), output: name };
  },
};

function decodeSaliency(t: DecoderTensor, w: number, h: number, ctx: DecodeContext): Prediction {
  const g = ctx.geometry;
  let activate = ctx.spec.activation === 'sigmoid';
  if (ctx.spec.activation === 'auto') {
    for (let i = 0; i < t.data.length && !activate; i++) activate = t.data[i]! < 0 || t.data[i]! > 1;
  }
  const { xs, ys } = sampling(g, w, h);
  const labels = new Uint8Array(g.original.width * g.original.height);
  // A sigmoid is monotonic: compare logits with the threshold's logit instead of activating each pixel.
  const cut = activate ? Math.log(ctx.spec.maskThreshold / (1 - ctx.spec.maskThreshold)) : ctx.spec.maskThreshold;
  let j = 0;
  for (let ox = 0; ox < g.original.width; ox++) {
    const x = xs[ox]!;
    for (let oy = 0; oy < g.original.height; oy++, j++) {
      const y = ys[oy]!;
      labels[j] = Number.isNaN(x) || Number.isNaN(y) ? UNSEEN : bilinear(t.data, 0, w, h, x, y) > cut ? 1 : 0;
    }
  }
  return maskPrediction(labels, g, 2, ctx, ['background', 'foreground']);
}

/** Per-class scores `[1, C, H, W]`: each pixel takes the class with the highest bilinearly resampled score. */
export const classLogits: DecoderFamily = {
  name: 'class-logits',
  layout: '[1, C, H, W] with C ≥ 2: a score map per class',
  match(outputs) {
    const maps = outputEntries(outputs).filter(([, t]) => {
      const d = squeezeLeading(t.dims, 3);
      return d !== null && d[0]! >= 2 && d[0]! <= UNSEEN && d[1]! >= 2 && d[2]! >= 2;
    });
    if (maps.length !== 1) return { reason: `it reads one output [1, C, H, W] with 2 ≤ C ≤ 255, and there are ${maps.length}` };
    const [name, t] = maps[0]!;
    const [c, h, w] = squeezeLeading(t.dims, 3) as [number, number, number];
    return { decode: (ctx) => decodeLogits(t, c, w, h, ctx), output: name };
  },
};

function decodeLogits(t: DecoderTensor, classes: number, w: number, h: number, ctx: DecodeContext): Prediction {
  const g = ctx.geometry;
  const { xs, ys } = sampling(g, w, h);
  const labels = new Uint8Array(g.original.width * g.original.height);
  const plane = w * h;
  let j = 0;
  for (let ox = 0; ox < g.original.width; ox++) {
    const x = xs[ox]!;
    for (let oy = 0; oy < g.original.height; oy++, j++) {
      const y = ys[oy]!;
      if (Number.isNaN(x) || Number.isNaN(y)) {
        labels[j] = UNSEEN;
        continue;
      }
      let best = 0, bestScore = -Infinity;
      for (let k = 0; k < classes; k++) {
        const s = bilinear(t.data, k * plane, w, h, x, y);
        if (s > bestScore) (best = k), (bestScore = s);
      }
      labels[j] = best;
    }
  }
  return maskPrediction(labels, g, classes, ctx, []);
}
